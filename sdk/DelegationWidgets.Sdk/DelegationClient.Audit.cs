using System.Runtime.CompilerServices;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Sdk.Serialization;

namespace DelegationWidgets.Sdk;

public partial class DelegationClient
{
    /// <summary>
    /// Enumerates the audit trail, newest first, fetching page after page as you go (<c>GET /api/v1/audit</c>).
    /// Administrators read everything; others read their own actions, and the history of a target within their
    /// delegation (filter by <see cref="AuditQuery.Target"/>).
    /// </summary>
    /// <param name="query">Filters; <see langword="null"/> for none.</param>
    /// <param name="pageSize">Events per request (the server allows 1 to 200, default 50).</param>
    public virtual IAsyncEnumerable<AuditEvent> GetAuditEventsAsync(AuditQuery? query = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        EnumerateAuditEventsAsync(query, pageSize, cancellationToken);

    /// <summary>
    /// Gets one page of the audit trail, newest first; pass the returned <see cref="AuditPage.NextCursor"/> as
    /// <paramref name="cursor"/> for the next. For UIs that show a page at a time.
    /// </summary>
    /// <param name="query">Filters; <see langword="null"/> for none.</param>
    /// <param name="cursor">The <see cref="AuditPage.NextCursor"/> of the previous page, unchanged; <see langword="null"/> for the first.</param>
    /// <param name="limit">Events on the page (the server allows 1 to 200, default 50).</param>
    /// <exception cref="DelegationApiException">A cursor or limit the server refuses (400 <c>DW1014</c>).</exception>
    public virtual Task<AuditPage> GetAuditPageAsync(AuditQuery? query = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/audit" + AuditFilters(new QueryString(), query).Add("cursor", cursor).Add("limit", limit), Types.AuditPage, cancellationToken);

    /// <summary>
    /// Exports the matching audit events, oldest first, into <paramref name="destination"/>
    /// (<c>GET /api/v1/audit/export</c>): CSV with a header row (cells that could be formulas neutralised) or
    /// JSON Lines, one <see cref="AuditEvent"/> per line. Streams; the whole export is never held in memory.
    /// </summary>
    public virtual async Task ExportAuditAsync(Stream destination, AuditExportFormat format = AuditExportFormat.Csv, AuditQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var name = format switch
        {
            AuditExportFormat.Csv => "csv",
            AuditExportFormat.JsonLines => "jsonl",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Choose Csv or JsonLines."),
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, Resolve("api/v1/audit/export" + AuditFilters(new QueryString().Add("format", name), query)));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        await response.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the audit hash chain and names the first altered event (<c>GET /api/v1/audit/verify</c>; administrators only).</summary>
    /// <exception cref="DelegationApiException">Not an administrator (403 <c>DW1013</c>).</exception>
    public virtual Task<AuditVerification> VerifyAuditAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/audit/verify", Types.AuditVerification, cancellationToken);

    private async IAsyncEnumerable<AuditEvent> EnumerateAuditEventsAsync(AuditQuery? query, int? pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await GetAuditPageAsync(query, cursor, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            cursor = page.NextCursor;
        }
        while (!string.IsNullOrEmpty(cursor));
    }

    private static QueryString AuditFilters(QueryString into, AuditQuery? query) =>
        into
            .Add("actor", query?.Actor)
            .Add("target", query?.Target)
            .Add("form", query?.Form)
            .Add("ticket", query?.Ticket)
            .Add("from", query?.From)
            .Add("to", query?.To);
}
