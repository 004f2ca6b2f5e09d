using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>
/// Products with request fields of their own (validated by the Form Profile together with the rest of the request, mapped
/// into the fulfilment, shown readable), the self-service texts in Dutch, and the mail outbox.
/// </summary>
public sealed class SelfServiceFieldsTests(SelfServiceHost self) : IClassFixture<SelfServiceHost>
{
    [Fact]
    public async Task ProductFields_AreValidatedWithTheRestOfTheRequest_MappedIntoTheFulfilment_AndShownReadable()
    {
        using var employee = await self.Host.ClientAsync("employee");
        var catalog = (await employee.GetJsonAsync("api/v1/catalog")).Body.EnumerateArray().ToList();
        var mailbox = catalog.Single(p => p.GetProperty("id").GetString() == "sales-mailbox");
        var crm = catalog.Single(p => p.GetProperty("id").GetString() == "crm-access");
        Assert.Equal("Right", mailbox.GetProperty("form").GetProperty("schema").GetProperty("properties").GetProperty("permission").GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, crm.GetProperty("form").ValueKind);

        // Everything wrong is told at once, and nothing is recorded.
        var wrong = await self.RequestAsync("employee", new { product = "sales-mailbox", data = new { permission = "Owner" } });
        var extra = await self.RequestAsync("employee", new { product = "sales-mailbox", reason = "Covering", data = new { permission = "SendAs", groupId = "domain-admins" } });
        var notAnObject = await self.RequestAsync("employee", new { product = "sales-mailbox", reason = "Covering", data = "SendAs" });
        var noFields = await self.RequestAsync("employee", new { product = "design-tool", reason = "Icons", durationDays = 3, data = new { edition = "pro" } });

        Assert.True(wrong.Status == HttpStatusCode.BadRequest, wrong.ToString());
        Assert.Equal("DW1005", wrong.ErrorId);
        Assert.NotEmpty(wrong.FieldErrors("/reason"));
        Assert.NotEmpty(wrong.FieldErrors("/data/permission"));
        Assert.True(extra.Status == HttpStatusCode.BadRequest, extra.ToString());
        Assert.Contains(extra.Body.GetProperty("errors").EnumerateObject(), e => e.Name.StartsWith("/data", StringComparison.Ordinal));
        Assert.True(notAnObject.Status == HttpStatusCode.BadRequest, notAnObject.ToString());
        Assert.NotEmpty(notAnObject.FieldErrors("/data"));
        Assert.True(noFields.Status == HttpStatusCode.BadRequest, noFields.ToString());
        Assert.Equal(["This product has no fields to fill in; leave out data."], noFields.FieldErrors("/data"));
        var mine = await employee.GetJsonAsync("api/v1/requests?mine=true");
        Assert.DoesNotContain(mine.Body.EnumerateArray(), r => r.GetProperty("productId").GetString() is "sales-mailbox" or "design-tool");

        // The chosen right is the one granted; the request and its audit show the values as a person reads them.
        const string SendAs = "SELECT COUNT(*) FROM directory_mailbox_permissions WHERE MailboxId = 'sales-shared' AND UserId = 'emma.employee' AND Right = 'SendAs'";
        Assert.Equal("0", await self.Directory.ScalarAsync(SendAs));

        var created = await self.RequestAsync("employee", new { product = "sales-mailbox", reason = "Covering for Sam", data = new { permission = "SendAs", note = "Until March" } });

        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        Assert.Equal("fulfilled", created.Body.GetProperty("status").GetString());
        Assert.Equal("1", await self.Directory.ScalarAsync(SendAs));
        Assert.Equal(
            [("/permission", "Right", "Send as"), ("/note", "Note for the owner", "Until March")],
            created.Body.GetProperty("details").EnumerateArray().Select(d => (d.GetProperty("field").GetString(), d.GetProperty("label").GetString(), d.GetProperty("value").GetString())));
        var (events, intact) = await self.AuditOfAsync(created.Body.GetProperty("id").GetString()!, "emma.employee");
        Assert.StartsWith("Requested (Right: Send as; Note for the owner: Until March).", events[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(intact);
    }

    [Fact]
    public async Task DutchCaller_GetsTheCatalogTheRulesAndTheProblemsInDutch_TheAuditStaysEnglish()
    {
        using var intern = await self.Host.ClientAsync("intern");
        intern.DefaultRequestHeaders.AcceptLanguage.ParseAdd("nl-NL,nl;q=0.9,en;q=0.5");

        var catalog = (await intern.GetJsonAsync("api/v1/catalog")).Body.EnumerateArray().ToList();
        var mailbox = catalog.Single(p => p.GetProperty("id").GetString() == "sales-mailbox");
        var permission = mailbox.GetProperty("form").GetProperty("schema").GetProperty("properties").GetProperty("permission");
        var invalid = await Api.ReadAsync(await intern.PostAsJsonAsync(new Uri("api/v1/requests", UriKind.Relative), new { product = "sales-mailbox", data = new { permission = "SendAs" } }));
        var created = await Api.ReadAsync(await intern.PostAsJsonAsync(new Uri("api/v1/requests", UriKind.Relative),
            new { product = "sales-mailbox", reason = "Vervanging", data = new { permission = "SendAs" } }));

        Assert.Equal("Gedeelde mailbox Verkoop", mailbox.GetProperty("title").GetString());
        Assert.Equal("Automatisch goedgekeurd", mailbox.GetProperty("approval").GetString());
        Assert.Equal("Recht", permission.GetProperty("title").GetString());
        Assert.Equal(["Full access", "Verzenden als"], permission.GetProperty("oneOf").EnumerateArray().Select(o => o.GetProperty("title").GetString()));
        Assert.Equal("Licenties", catalog.Single(p => p.GetProperty("id").GetString() == "design-tool").GetProperty("category").GetString());
        Assert.Equal("Het verzoek is niet geldig.", invalid.Body.GetProperty("title").GetString());
        Assert.Equal(["Zeg waarom het nodig is (hoogstens 1.000 tekens)."], invalid.FieldErrors("/reason"));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        Assert.Equal("Gedeelde mailbox Verkoop", created.Body.GetProperty("productTitle").GetString());
        var step = Assert.Single(created.Body.GetProperty("timeline").EnumerateArray());
        Assert.Equal("Automatische goedkeuring", step.GetProperty("title").GetString());
        Assert.Equal("kosten hoogstens 0 en risico laag", step.GetProperty("rule").GetString());
        Assert.Equal([("Recht", "Verzenden als")], created.Body.GetProperty("details").EnumerateArray().Select(d => (d.GetProperty("label").GetString(), d.GetProperty("value").GetString())));

        // The same request read in English; the audit trail is one record, in English.
        var id = created.Body.GetProperty("id").GetString()!;
        var english = await self.RequestOfAsync("intern", id);
        Assert.Equal("cost at most 0 and risk low", english.GetProperty("timeline")[0].GetProperty("rule").GetString());
        Assert.Equal("Send as", english.GetProperty("details")[0].GetProperty("value").GetString());
        var (events, _) = await self.AuditOfAsync(id, "ivo.intern");
        Assert.Contains("approved automatically (rule: cost at most 0 and risk low)", events[0].GetProperty("detail").GetString(), StringComparison.Ordinal);

        var again = await Api.ReadAsync(await intern.PostAsJsonAsync(new Uri("api/v1/requests", UriKind.Relative),
            new { product = "sales-mailbox", reason = "Nog eens", data = new { permission = "SendAs" } }));
        Assert.True(again.Status == HttpStatusCode.Conflict, again.ToString());
        Assert.Equal("Al aangevraagd.", again.Body.GetProperty("title").GetString());
        Assert.StartsWith("ivo.intern heeft Gedeelde mailbox Verkoop al", again.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extension_KeepsTheValuesTheTasksUse_SoTheRevocationUndoesWhatWasGranted()
    {
        var first = await self.RequestAsync("keyuser", new { product = "sales-mailbox", reason = "Month-end closing", data = new { permission = "FullAccess" } });
        var id = first.Body.GetProperty("id").GetString()!;
        Assert.Equal("fulfilled", first.Body.GetProperty("status").GetString());

        var otherRight = await self.RequestAsync("keyuser", new { product = "sales-mailbox", reason = "Longer", extends = id, data = new { permission = "SendAs" } });
        var sameRight = await self.RequestAsync("keyuser", new { product = "sales-mailbox", reason = "Longer", extends = id, data = new { permission = "FullAccess", note = "Q1 too" } });

        Assert.True(otherRight.Status == HttpStatusCode.BadRequest, otherRight.ToString());
        Assert.Equal(["An extension keeps the value of the access it extends: 'FullAccess'."], otherRight.FieldErrors("/data/permission"));
        Assert.True(sameRight.Status == HttpStatusCode.Created, sameRight.ToString());
        Assert.Equal("fulfilled", sameRight.Body.GetProperty("status").GetString());
        Assert.Equal("extended", (await self.RequestOfAsync("keyuser", id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task MailToAnApproverWithoutAnAddress_EndsAsFailed_AuditedOnTheRequest()
    {
        var created = await self.RequestAsync("keyuser", new { product = "parking", reason = "Visiting the office on Tuesdays" });
        var id = created.Body.GetProperty("id").GetString()!;
        var beneficiary = created.Body.GetProperty("beneficiary").GetString()!;
        Assert.Equal("pending-approval", created.Body.GetProperty("status").GetString());

        List<JsonElement> events = [];
        for (var attempt = 0; attempt < 100 && !events.Any(e => e.GetProperty("type").GetString() == "request.mail-failed"); attempt++)
        {
            await Task.Delay(200);
            (events, _) = await self.AuditOfAsync(id, beneficiary);
        }

        var failed = Assert.Single(events, e => e.GetProperty("type").GetString() == "request.mail-failed");
        Assert.Contains("to nobody.here could not be sent: nobody.here has no e-mail address in the directory.", failed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("urn:delegationwidgets:system", failed.GetProperty("actor").GetProperty("issuer").GetString());
    }
}

/// <summary>The mail relay is down when a step starts waiting: the mail is kept and sent once the relay is back.</summary>
public sealed class MailOutboxTests : IAsyncLifetime
{
    private readonly SelfServiceHost _self = new(mailRelayDown: true);

    public Task InitializeAsync() => _self.InitializeAsync();

    public Task DisposeAsync() => _self.DisposeAsync();

    [Fact]
    public async Task MailWrittenWhileTheRelayIsDown_IsSentWhenItIsBack()
    {
        var created = await _self.RequestAsync("intern", new { product = "design-tool", reason = "Diagrams for the runbook", durationDays = 5 });
        Assert.Equal("pending-approval", created.Body.GetProperty("status").GetString());
        await Task.Delay(TimeSpan.FromSeconds(2));

        await _self.StartMailRelayAsync();

        var mail = await _self.Mail.WaitForAsync("X-Rcpt-Args: <thomas.visser@demo.example>", "Approval needed: Design tool licence for ivo.intern");
        Assert.Contains("Reason: Diagrams for the runbook", mail, StringComparison.Ordinal);
        Assert.Single(_self.Mail.Messages(), m => m.Contains("thomas.visser@demo.example", StringComparison.Ordinal));
    }
}
