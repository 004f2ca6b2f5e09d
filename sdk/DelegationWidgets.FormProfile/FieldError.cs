using System.Diagnostics.CodeAnalysis;

namespace DelegationWidgets.FormProfile;

/// <summary>One reason why submitted form data is not valid.</summary>
/// <param name="Pointer">
/// The JSON pointer into the data, for example <c>/user</c> or <c>/rows/0/name</c>. For <c>required</c> it is the pointer
/// of the missing property; <c>""</c> is the whole form.
/// </param>
/// <param name="Keyword">The schema keyword that failed, for example <c>required</c> or <c>maxLength</c>.</param>
/// <param name="Message">A message a helpdesk agent can act on, for example "This field is required.".</param>
public sealed record FieldError(
    [property: SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "A JSON pointer (RFC 6901), the standard term.")]
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "A JSON pointer (RFC 6901), the standard term.")]
    string Pointer, string Keyword, string Message);
