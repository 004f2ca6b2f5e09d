using System.Net;
using System.Text;
using System.Text.Json;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

[Collection(HostGroup.Name)]
public sealed class AuditApiTests(HostFixture fixture)
{
    private DirectoryReader Directory => new(fixture.Host.DatabasePath);

    [Fact]
    public async Task Submit_WritesOneEventPerStateChange_InTheChain()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[20];
        var ticket = "INC-AUDIT-" + Guid.NewGuid().ToString("N")[..8];

        var change = await (await fixture.As("agent")).SubmitAsync("disable-account", new { data = new { user }, reason = "Audit test", ticket });
        var page = await (await fixture.As("agent")).GetJsonAsync($"api/v1/audit?ticket={ticket}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var events = page.Body.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(["change.succeeded", "change.running"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.All(events, e =>
        {
            Assert.Equal(change.Body.GetProperty("id").GetString(), e.GetProperty("changeId").GetString());
            Assert.Equal("anna.agent", e.GetProperty("actor").GetProperty("subject").GetString());
            Assert.Equal("Audit test", e.GetProperty("reason").GetString());
            Assert.Equal(user, e.GetProperty("target").GetString());
            Assert.Equal("disable-account", e.GetProperty("formId").GetString());
        });
        Assert.Equal(events[1].GetProperty("hash").GetString(), events[0].GetProperty("previousHash").GetString());
        Assert.Equal("enabled", events[0].GetProperty("changes")[0].GetProperty("attribute").GetString());
    }

    [Fact]
    public async Task List_Paging_ReturnsEveryEventOnceNewestFirst()
    {
        var admin = await fixture.As("admin");
        var all = new List<long>();
        string? cursor = null;
        do
        {
            var page = await admin.GetJsonAsync("api/v1/audit?limit=3" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            all.AddRange(page.Body.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
            cursor = page.Body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        var count = long.Parse((await Directory.ScalarAsync("SELECT COUNT(*) FROM audit_events"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(all.Count >= count);
        Assert.Equal(all.OrderDescending(), all);
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public async Task List_NonAdmin_SeesOwnEventsOnly_UnlessTargetIsInScope()
    {
        var intern = await fixture.As("intern");
        await (await fixture.As("manager")).SubmitAsync("update-contact-details", new { data = new { user = SeedFacts.Employee, mail = "emma.employee@demo.example" } });

        var own = await intern.GetJsonAsync("api/v1/audit?limit=200");
        var employeeHistory = await intern.GetJsonAsync($"api/v1/audit?target={SeedFacts.Employee}&limit=200");
        var outOfScope = await intern.GetJsonAsync("api/v1/audit?target=adam.admin&limit=200");

        Assert.All(own.Body.GetProperty("items").EnumerateArray(), e => Assert.Equal("ivo.intern", e.GetProperty("actor").GetProperty("subject").GetString()));
        Assert.Contains(employeeHistory.Body.GetProperty("items").EnumerateArray(), e => e.GetProperty("actor").GetProperty("subject").GetString() == SeedFacts.Manager);
        Assert.All(outOfScope.Body.GetProperty("items").EnumerateArray(), e => Assert.Equal("ivo.intern", e.GetProperty("actor").GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task Verify_NonAdmin_Returns403()
    {
        var response = await (await fixture.As("agent")).GetJsonAsync("api/v1/audit/verify");

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("DW1013", response.ErrorId);
    }

    [Fact]
    public async Task Export_Csv_NeutralisesFormulasAndQuotes()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[21];
        var ticket = "INC-CSV-" + Guid.NewGuid().ToString("N")[..6];
        await (await fixture.As("agent")).SubmitAsync("disable-account", new { data = new { user }, reason = "=HYPERLINK(\"http://x\",\"y\"), then more", ticket });

        var response = await (await fixture.As("agent")).GetJsonAsync($"api/v1/audit/export?format=csv&ticket={ticket}");
        var csv = await response.Message.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.Message.StatusCode);
        Assert.Equal("text/csv", response.Message.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sequence,id,occurredAt,type", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\"), then more\",", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Jsonl_OneEventPerLine()
    {
        var response = await (await fixture.As("admin")).GetJsonAsync("api/v1/audit/export?format=jsonl");
        var text = await response.Message.Content.ReadAsStringAsync();

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.True(JsonDocument.Parse(l).RootElement.TryGetProperty("hash", out _)));
    }

    [Fact]
    public async Task Export_UnknownFormat_Returns400()
    {
        var response = await (await fixture.As("admin")).GetJsonAsync("api/v1/audit/export?format=xlsx");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty(response.FieldErrors("/format"));
    }

    [Fact]
    public async Task List_BadCursorOrLimit_Returns400()
    {
        var admin = await fixture.As("admin");

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetJsonAsync("api/v1/audit?cursor=abc")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetJsonAsync("api/v1/audit?limit=100000")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetJsonAsync("api/v1/audit?from=yesterday")).Status);
    }

    [Fact]
    public async Task Secrets_NeverReachDatabaseAuditExportOrLog()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[22];
        const string password = "Kn0wn-Secret-Passw0rd!";
        var agent = await fixture.As("agent");

        var response = await agent.SubmitAsync("reset-password", new { data = new { user, newPassword = password }, reason = "Known password test" });
        Assert.Equal(HttpStatusCode.Created, response.Status);
        var failing = await agent.SubmitAsync("reset-password", new { data = new { user, newPassword = password, extra = 1 }, reason = "x" });
        Assert.DoesNotContain(password, failing.Body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, response.Body.GetRawText(), StringComparison.Ordinal);

        var csv = await (await (await fixture.As("admin")).GetJsonAsync("api/v1/audit/export?format=csv")).Message.Content.ReadAsStringAsync();
        var jsonl = await (await (await fixture.As("admin")).GetJsonAsync("api/v1/audit/export?format=jsonl")).Message.Content.ReadAsStringAsync();
        Assert.DoesNotContain(password, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(password, jsonl, StringComparison.Ordinal);
        Assert.DoesNotContain(password, fixture.Host.Output, StringComparison.Ordinal);
        var needle = Encoding.UTF8.GetBytes(password);
        var needle16 = Encoding.Unicode.GetBytes(password);
        foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(fixture.Host.WorkingDirectory, "data")))
        {
            var bytes = await ReadSharedAsync(file);
            Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"The password was found in {Path.GetFileName(file)}.");
            Assert.True(bytes.AsSpan().IndexOf(needle16) < 0, $"The password was found (UTF-16) in {Path.GetFileName(file)}.");
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }
}
