namespace DelegationWidgets.FormProfile;

/// <summary>A place where a schema leaves the Form Profile, found when the schema is loaded.</summary>
/// <param name="Keyword">The offending keyword (for example <c>prefixItems</c>), or <c>json</c> when the schema is not JSON.</param>
/// <param name="SchemaPointer">The JSON pointer into the schema where the keyword appears; <c>""</c> is the root.</param>
/// <param name="Message">A sentence that names the keyword and where it appears.</param>
public sealed record ProfileViolation(string Keyword, string SchemaPointer, string Message);
