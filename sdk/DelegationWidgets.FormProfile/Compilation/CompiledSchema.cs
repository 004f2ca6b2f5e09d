using System.Text.Json.Nodes;
using DelegationWidgets.FormProfile.Validation;

namespace DelegationWidgets.FormProfile.Compilation;

/// <summary>The outcome of <see cref="SchemaCompiler"/>: either violations, or a rewritten schema for NJsonSchema plus the profile's own checks.</summary>
internal sealed record CompiledSchema(
    IReadOnlyList<ProfileViolation> Violations,
    JsonObject? Rewritten,
    IReadOnlyList<SchemaNode> Nodes,
    IReadOnlySet<string> SecretPointers);
