using NJsonSchema;

namespace DelegationWidgets.FormProfile.Compilation;

/// <summary>NJsonSchema's reference resolver with file and URL resolution switched off: the profile never leaves the document.</summary>
internal sealed class LocalReferenceResolver(JsonSchemaAppender appender) : JsonReferenceResolver(appender)
{
    public static JsonReferenceResolver Create(JsonSchema schema) =>
        new LocalReferenceResolver(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator()));

    public override Task<NJsonSchema.References.IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"File reference '{filePath}' is not part of the Form Profile.");

    public override Task<NJsonSchema.References.IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"Remote reference '{url}' is not part of the Form Profile.");
}
