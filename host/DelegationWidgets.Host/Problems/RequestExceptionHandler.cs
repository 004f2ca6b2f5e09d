using System.Text.Json;
using System.Text.RegularExpressions;
using DelegationWidgets.Connectors;
using Microsoft.AspNetCore.Diagnostics;

namespace DelegationWidgets.Host.Problems;

/// <summary>
/// Turns a request the framework could not read (malformed JSON, wrong content type, a body too large, a query
/// value of the wrong type) into a 400/413/415 problem response that says what is wrong; anything else is an
/// unexpected 500 with the trace id and no internals.
/// </summary>
internal sealed partial class RequestExceptionHandler(ILogger<RequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            var binding = BindingFailure().Match(bad.Message);
            if (binding.Success)
            {
                var name = binding.Groups["name"].Value;
                await Problem.Create(StatusCodes.Status400BadRequest, ErrorIds.InvalidQuery, "A parameter has the wrong type.",
                    $"'{binding.Groups["value"].Value}' is not a valid value for '{name}'.",
                    new Dictionary<string, string[]> { ["/" + name] = [$"'{binding.Groups["value"].Value}' is not a valid {TypeName(binding.Groups["type"].Value)}."] }).ExecuteAsync(httpContext);
                return true;
            }

            var detail = bad.InnerException is JsonException json
                ? $"The body is not valid JSON for this request{(json.Path is { } path ? $" (at {path})" : "")}: {FirstSentence(json.Message)}"
                : bad.Message.Contains("no body was provided", StringComparison.Ordinal)
                    ? "Send a JSON body with this request, e.g. {\"data\": { … }} for a submission."
                    : bad.Message;
            var (status, title) = bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => (StatusCodes.Status413PayloadTooLarge, "The request body is too large."),
                StatusCodes.Status415UnsupportedMediaType => (StatusCodes.Status415UnsupportedMediaType, "Send the body as application/json."),
                _ => (StatusCodes.Status400BadRequest, "The request could not be read."),
            };
            await Problem.Create(status, ErrorIds.MalformedRequest, title, detail).ExecuteAsync(httpContext);
            return true;
        }

        if (exception is ConnectorUnavailableException unavailable)
        {
            LogTargetUnavailable(logger, unavailable, httpContext.TraceIdentifier);
            httpContext.Response.Headers.RetryAfter = "5";
            await Problem.Create(StatusCodes.Status503ServiceUnavailable, ErrorIds.TargetUnavailable, "The target system is unavailable.",
                "The directory could not be reached, so nothing was changed. Try again in a moment.").ExecuteAsync(httpContext);
            return true;
        }

        if (StorageUnavailable(exception))
        {
            LogStorageUnavailable(logger, exception, httpContext.TraceIdentifier);
            httpContext.Response.Headers.RetryAfter = "5";
            await Problem.Create(StatusCodes.Status503ServiceUnavailable, ErrorIds.StorageUnavailable, "The database is unavailable.",
                "The change store could not be written just now, so nothing was recorded or changed. Try again in a moment.").ExecuteAsync(httpContext);
            return true;
        }

        LogUnexpected(logger, exception, httpContext.TraceIdentifier);
        await Problem.Create(StatusCodes.Status500InternalServerError, ErrorIds.Unexpected, "Something went wrong on our side.",
            $"The request could not be completed. Quote trace id {httpContext.TraceIdentifier} when you report it.").ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The database was busy, locked, full, unreachable or could not be opened (anywhere in the exception chain): a 503, not a 500.</summary>
    private static bool StorageUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 or 10 or 13 or 14 })
            {
                return true;
            }

            // PostgreSQL unreachable, restarting, out of connections or resources, or a lock timeout (Npgsql marks these transient).
            if (e is Npgsql.NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    private static string TypeName(string type) => type switch
    {
        var t when t.Contains("DateTime", StringComparison.Ordinal) => "date and time (ISO 8601, e.g. 2026-11-30T12:00:00Z)",
        var t when t.Contains("Int", StringComparison.Ordinal) => "whole number",
        var t when t.Contains("Bool", StringComparison.Ordinal) => "true or false",
        _ => "value",
    };

    [GeneratedRegex("Failed to bind parameter \"(?<type>[^\"]*?) (?<name>\\w+)\" from \"(?<value>[^\"]*)\"")]
    private static partial Regex BindingFailure();

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "DW1012 the target system is unavailable (trace {TraceId})")]
    private static partial void LogTargetUnavailable(ILogger logger, Exception exception, string traceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DW1020 the database is unavailable (trace {TraceId})")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, string traceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "DW1099 unexpected error (trace {TraceId})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string traceId);
}
