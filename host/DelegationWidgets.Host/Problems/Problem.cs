using Microsoft.AspNetCore.Http.HttpResults;

namespace DelegationWidgets.Host.Problems;

/// <summary>
/// Builds RFC 9457 problem responses: a title, a detail a person can act on, the stable error id,
/// and for field errors an <c>errors</c> object keyed by the JSON pointer of the field in the request body.
/// </summary>
internal static class Problem
{
    public static ProblemHttpResult Create(
        int status,
        string errorId,
        string title,
        string detail,
        IReadOnlyDictionary<string, string[]>? errors = null,
        IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var ext = new Dictionary<string, object?> { ["errorId"] = errorId };
        if (errors is { Count: > 0 })
        {
            ext["errors"] = errors;
        }

        foreach (var (key, value) in extensions ?? [])
        {
            ext[key] = value;
        }

        return TypedResults.Problem(detail, statusCode: status, title: title, type: TypeOf(errorId), extensions: ext);
    }

    public static string TypeOf(string errorId) => "urn:delegationwidgets:error:" + errorId;

    public static ProblemHttpResult Validation(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        Create(StatusCodes.Status400BadRequest, ErrorIds.ValidationFailed, "The request is not valid.",
            detail ?? "Correct the fields listed in 'errors' and submit again.", errors);

    public static ProblemHttpResult Malformed(string detail) =>
        Create(StatusCodes.Status400BadRequest, ErrorIds.MalformedRequest, "The request could not be read.", detail);

    public static ProblemHttpResult FormNotFound(string formId) =>
        Create(StatusCodes.Status404NotFound, ErrorIds.FormNotFound, "No such form.", $"There is no form '{formId}'.");

    public static ProblemHttpResult FormNotGranted(string formId) =>
        Create(StatusCodes.Status403Forbidden, ErrorIds.FormNotGranted, "You may not use this form.",
            $"None of your delegations allows the form '{formId}'. Ask an administrator for access.");

    public static ProblemHttpResult AdminRequired() =>
        Create(StatusCodes.Status403Forbidden, ErrorIds.AdminRequired, "Administrators only.", "This needs the role 'dw-admin'.");
}

/// <summary>A result (a 503 problem) with a <c>Retry-After</c> header: when asking again makes sense.</summary>
internal sealed class RetryAfterResult(IResult inner, int seconds) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(httpContext);
    }
}
