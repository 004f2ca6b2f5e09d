using System.Text;
using System.Text.Json;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Sdk.Tests.Fixtures;

namespace DelegationWidgets.Sdk.Tests;

[Collection(RealHost.Name)]
public sealed class DelegationClientAuditTests(HostFixture host)
{
    private const int Submissions = 12;

    /// <summary>Submits <see cref="Submissions"/> unlocks under a new ticket: two audit events each (running, succeeded).</summary>
    private async Task<string> ManyEventsAsync()
    {
        var ticket = "AUD-" + Guid.NewGuid().ToString("N")[..10];
        var client = host.Client("agent");
        var user = await host.SalesUserAsync();
        for (var i = 0; i < Submissions; i++)
        {
            await client.SubmitAsync("unlock-account", DelegationClientChangesTests.Unlock(user, ticket));
        }

        return ticket;
    }

    [Fact]
    public async Task GetAuditEventsAsync_ManyPages_EnumeratesEveryEventOnceNewestFirst()
    {
        var ticket = await ManyEventsAsync();

        var events = new List<AuditEvent>();
        await foreach (var e in host.Client("agent").GetAuditEventsAsync(new AuditQuery(Ticket: ticket), pageSize: 5))
        {
            events.Add(e);
        }

        var all = (await host.Client("admin").GetAuditPageAsync(new AuditQuery(Ticket: ticket), limit: 200)).Items;
        Assert.Equal(Submissions * 2, events.Count);
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(all.Select(e => e.Id), events.Select(e => e.Id));
        Assert.Equal(events.Select(e => e.Sequence).OrderDescending(), events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal(ticket, e.Ticket));
    }

    [Fact]
    public async Task GetAuditPageAsync_Cursor_ContinuesWhereThePageEnded()
    {
        var ticket = await ManyEventsAsync();
        var client = host.Client("agent");

        var first = await client.GetAuditPageAsync(new AuditQuery(Ticket: ticket), limit: 10);
        var second = await client.GetAuditPageAsync(new AuditQuery(Ticket: ticket), first.NextCursor, limit: 10);
        var last = await client.GetAuditPageAsync(new AuditQuery(Ticket: ticket), second.NextCursor, limit: 10);

        Assert.Equal(10, first.Items.Count);
        Assert.Equal(10, second.Items.Count);
        Assert.Equal((Submissions * 2) - 20, last.Items.Count);
        Assert.Null(last.NextCursor);
        Assert.True(first.Items[^1].Sequence > second.Items[0].Sequence);
    }

    [Fact]
    public async Task GetAuditEventsAsync_Filters_AreSentAndApplied()
    {
        var user = await host.SalesUserAsync();
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var change = await host.Client("agent").SubmitAsync("unlock-account", DelegationClientChangesTests.Unlock(user));

        var events = new List<AuditEvent>();
        await foreach (var e in host.Client("admin").GetAuditEventsAsync(new AuditQuery("anna.agent", user, "unlock-account", From: from, To: DateTimeOffset.UtcNow.AddMinutes(1))))
        {
            events.Add(e);
        }

        Assert.Contains(events, e => e.ChangeId == change.Id && e.Type == "change.succeeded");
        Assert.All(events, e => Assert.True(e.Actor.Subject == "anna.agent" && e.Target == user && e.FormId == "unlock-account" && e.OccurredAt >= from));
    }

    [Fact]
    public async Task GetAuditPageAsync_LimitTooLarge_ThrowsWithFieldError()
    {
        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("agent").GetAuditPageAsync(limit: 1000));

        Assert.Equal(400, e.Status);
        Assert.Equal("DW1014", e.ErrorId);
        Assert.True(e.Errors.ContainsKey("/limit"));
    }

    [Fact]
    public async Task ExportAuditAsync_JsonLines_WritesEveryMatchingEventOldestFirst()
    {
        var ticket = await ManyEventsAsync();
        using var file = new MemoryStream();

        await host.Client("agent").ExportAuditAsync(file, AuditExportFormat.JsonLines, new AuditQuery(Ticket: ticket));

        var lines = Encoding.UTF8.GetString(file.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var exported = lines.Select(l => JsonSerializer.Deserialize<AuditEvent>(l, JsonSerializerOptions.Web)!).ToList();
        var listed = new List<AuditEvent>();
        await foreach (var e in host.Client("agent").GetAuditEventsAsync(new AuditQuery(Ticket: ticket)))
        {
            listed.Add(e);
        }

        Assert.Equal(Submissions * 2, exported.Count);
        Assert.Equal(listed.Select(e => e.Id).Reverse(), exported.Select(e => e.Id));
    }

    [Fact]
    public async Task ExportAuditAsync_Csv_WritesHeaderAndOneRowPerEvent()
    {
        var ticket = await ManyEventsAsync();
        using var file = new MemoryStream();

        await host.Client("agent").ExportAuditAsync(file, AuditExportFormat.Csv, new AuditQuery(Ticket: ticket));

        var lines = Encoding.UTF8.GetString(file.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal((Submissions * 2) + 1, lines.Length);
        Assert.Contains("sequence", lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.All(lines.Skip(1), l => Assert.Contains(ticket, l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAuditAsync_Admin_ReportsAnIntactChain()
    {
        await host.Client("agent").SubmitAsync("unlock-account", DelegationClientChangesTests.Unlock(await host.SalesUserAsync()));

        var verification = await host.Client("admin").VerifyAuditAsync();

        Assert.True(verification.Valid, verification.Message);
        Assert.True(verification.EventsChecked >= 2);
        Assert.Null(verification.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAuditAsync_NotAdmin_ThrowsAdminRequired()
    {
        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("agent").VerifyAuditAsync());

        Assert.Equal(403, e.Status);
        Assert.Equal("DW1013", e.ErrorId);
    }
}
