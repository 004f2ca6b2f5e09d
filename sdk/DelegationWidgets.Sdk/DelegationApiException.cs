using DelegationWidgets.Sdk.Models;

namespace DelegationWidgets.Sdk;

/// <summary>
/// The API answered with an error. Built from the RFC 9457 problem response (<c>application/problem+json</c>):
/// the HTTP status, the stable <see cref="ErrorId"/> (<c>DW1001</c>…), the title and detail, the field errors
/// keyed by JSON pointer (<c>/data/user</c>), and the id of the change when one was recorded. An error body that is
/// not a problem response (a proxy's HTML page) leaves <see cref="ErrorId"/> empty and keeps the start of the body
/// in <see cref="Detail"/>.
/// </summary>
public class DelegationApiException : Exception
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();

    public DelegationApiException()
        : this("The DelegationWidgets API returned an error.")
    {
    }

    public DelegationApiException(string message)
        : base(message)
    {
    }

    public DelegationApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error response.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="errorId">The stable error id, e.g. <c>DW1005</c>; <see langword="null"/> when the body was not a problem response.</param>
    /// <param name="title">A short summary of the problem.</param>
    /// <param name="detail">What happened, in words a person can act on.</param>
    /// <param name="errors">Messages per field, keyed by the JSON pointer of the field in the request.</param>
    public DelegationApiException(
        int status,
        string? errorId,
        string? title,
        string? detail,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? errors = null,
        Exception? innerException = null)
        : base(MessageOf(status, errorId, title, detail, errors), innerException)
    {
        Status = status;
        ErrorId = errorId;
        Title = title;
        Detail = detail;
        Errors = errors ?? NoErrors;
    }

    /// <summary>The HTTP status code (0 when the response could not be read at all).</summary>
    public int Status { get; }

    /// <summary>The stable error id (<c>DW1001</c>…), or <see langword="null"/> when the body was not a problem response.</summary>
    public string? ErrorId { get; }

    /// <summary>The problem type URI, e.g. <c>urn:delegationwidgets:error:DW1005</c>.</summary>
    public string? Type { get; init; }

    /// <summary>A short summary of the problem.</summary>
    public string? Title { get; }

    /// <summary>What happened, in words a person can act on.</summary>
    public string? Detail { get; }

    /// <summary>Messages per field, keyed by the JSON pointer of the field in the request (<c>/data/user</c>, <c>/reason</c>); empty when none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; } = NoErrors;

    /// <summary>The id of the change the error concerns, when one was recorded (a change that failed or was refused at execution, an idempotency conflict).</summary>
    public string? ChangeId { get; init; }

    /// <summary>The recorded change, when the response carried it (a change that failed or was refused at execution).</summary>
    public Change? Change { get; init; }

    /// <summary>The server's trace id; quote it when reporting a problem.</summary>
    public string? TraceId { get; init; }

    private static string MessageOf(int status, string? errorId, string? title, string? detail, IReadOnlyDictionary<string, IReadOnlyList<string>>? errors)
    {
        var text = $"{status}{(errorId is null ? "" : " " + errorId)}: {title ?? "The request failed."}";
        if (!string.IsNullOrWhiteSpace(detail))
        {
            text += " " + detail;
        }

        if (errors is { Count: > 0 })
        {
            text += " " + string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
        }

        return text;
    }
}
