using System.Text.Json;
using DelegationWidgets.FormProfile.Compilation;
using DelegationWidgets.FormProfile.Validation;
using NJsonSchema;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile;

/// <summary>
/// A form's JSON Schema, checked against the Form Profile and compiled once. The server and the widget use the same type,
/// so both give the same verdict on every input. Thread-safe; never reads files or the network.
/// </summary>
public sealed class FormSchema
{
    private readonly JsonSchema _schema;
    private readonly ProfileValidator _validator;

    private FormSchema(JsonSchema schema, ProfileValidator validator, IReadOnlySet<string> secretPointers)
    {
        _schema = schema;
        _validator = validator;
        SecretPointers = secretPointers;
    }

    /// <summary>
    /// Data pointers (for example <c>/password</c> or <c>/account/initialPassword</c>) of fields that are
    /// <c>writeOnly</c> or <c>format: password</c>. Their values must never be stored, logged or audited.
    /// </summary>
    public IReadOnlySet<string> SecretPointers { get; }

    /// <summary>Checks a schema against the Form Profile and compiles it.</summary>
    /// <param name="schemaJson">The schema, as JSON text.</param>
    /// <exception cref="FormProfileException">The schema is not JSON, uses a keyword outside the profile, or has a
    /// reference that cannot be resolved inside the document.</exception>
    public static FormSchema Load(string schemaJson)
    {
        var (schema, violations) = TryLoad(schemaJson);
        return schema ?? throw FormProfileException.From(violations);
    }

    /// <summary>Runs the same checks as <see cref="Load(string)"/> and returns the problems instead of throwing.</summary>
    /// <param name="schemaJson">The schema, as JSON text.</param>
    /// <returns>The violations; empty when the schema is inside the Form Profile.</returns>
    public static IReadOnlyList<ProfileViolation> Check(string schemaJson) => TryLoad(schemaJson).Violations;

    /// <summary>Validates submitted form data.</summary>
    /// <param name="dataJson">The data, as JSON text.</param>
    /// <returns>The field errors; empty when the data is valid.</returns>
    public IReadOnlyList<FieldError> Validate(string dataJson)
    {
        ArgumentNullException.ThrowIfNull(dataJson);
        try
        {
            using var document = JsonDocument.Parse(dataJson);
            return Validate(document.RootElement);
        }
        catch (JsonException)
        {
            return [new FieldError(string.Empty, "json", "The submitted data is not valid JSON.")];
        }
    }

    /// <summary>Validates submitted form data.</summary>
    /// <param name="data">The data.</param>
    /// <returns>The field errors; empty when the data is valid.</returns>
    public IReadOnlyList<FieldError> Validate(JsonElement data)
    {
        JToken token;
        try
        {
            token = JsonValues.ToToken(data);
        }
        catch (DataTooDeepException)
        {
            return [new FieldError(string.Empty, "json", "The submitted data nests too deeply.")];
        }

        var errors = _validator.Validate(token, _schema);
        return errors.Count == 0 ? [] : ErrorTranslator.Translate(errors, _validator);
    }

    private static (FormSchema? Schema, IReadOnlyList<ProfileViolation> Violations) TryLoad(string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        var compiled = SchemaCompiler.Compile(schemaJson);
        if (compiled.Violations.Count > 0)
        {
            return (null, compiled.Violations);
        }

        JsonSchema schema;
        try
        {
            // The rewritten schema holds only '#/definitions/rN' references; LocalReferenceResolver refuses anything else.
            schema = JsonSchema.FromJsonAsync(compiled.Rewritten!.ToJsonString(), documentPath: null, LocalReferenceResolver.Create)
                .GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is Newtonsoft.Json.JsonException or InvalidOperationException or NotSupportedException)
        {
            return (null, [new ProfileViolation("schema", string.Empty, $"The schema could not be compiled: {exception.Message}")]);
        }

        var formSchema = new FormSchema(schema, new ProfileValidator(compiled.Nodes), compiled.SecretPointers);
        return (formSchema, []);
    }
}
