namespace DelegationWidgets.FormProfile.Compilation;

/// <summary>The JSON Schema drafts the profile reads. They differ for the profile only in how <c>$ref</c> treats its siblings.</summary>
internal enum SchemaDialect
{
    /// <summary>Draft 2020-12 (the default): keywords next to <c>$ref</c> apply too.</summary>
    Draft202012,

    /// <summary>Draft-07: keywords next to <c>$ref</c> are ignored.</summary>
    Draft7,
}
