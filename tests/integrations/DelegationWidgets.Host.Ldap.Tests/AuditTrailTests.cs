using System.Net;
using DelegationWidgets.Host.Ldap.Tests.Samba;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Ldap.Tests;

/// <summary>Changes made on the domain appear in the hash-chained audit trail with their before/after, and the chain verifies.</summary>
[Collection(DomainHostGroup.Name)]
public sealed class AuditTrailTests(DomainHostFixture fixture)
{
    [Fact]
    public async Task Audit_AfterChangesOnTheDomain_ShowsBeforeAfterAndTheChainVerifies()
    {
        const string user = "xena.extern";
        var agent = await fixture.As("agent");
        var disabled = await agent.SubmitAsync("disable-account", new { data = new { user }, reason = "Contract paused", ticket = "INC0030001" });
        var phone = await agent.SubmitAsync("update-contact-details", new { data = new { user, phone = "+31 20 777 0000" } });
        Assert.True(disabled.Status == HttpStatusCode.Created, disabled.ToString());
        Assert.True(phone.Status == HttpStatusCode.Created, phone.ToString());
        Assert.Equal("+31 20 777 0000", fixture.Directory.Value(user, "telephoneNumber"));
        var admin = await fixture.As("admin");

        var events = await admin.AuditOfAsync(user);

        var disable = Assert.Single(events, e => e.GetProperty("changeId").GetString() == disabled.ChangeId && e.GetProperty("type").GetString() == "change.succeeded");
        Assert.Equal("anna.agent", disable.GetProperty("actor").GetProperty("subject").GetString());
        Assert.Equal("Contract paused", disable.GetProperty("reason").GetString());
        Assert.Equal("INC0030001", disable.GetProperty("ticket").GetString());
        var diff = Assert.Single(disable.GetProperty("changes").EnumerateArray());
        Assert.Equal(("enabled", "true", "false"), (diff.GetProperty("attribute").GetString(), diff.GetProperty("before").GetString(), diff.GetProperty("after").GetString()));
        var contact = Assert.Single(events, e => e.GetProperty("changeId").GetString() == phone.ChangeId && e.GetProperty("type").GetString() == "change.succeeded");
        Assert.Contains(contact.GetProperty("changes").EnumerateArray(), c => c.GetProperty("attribute").GetString() == "telephoneNumber"
            && c.GetProperty("before").GetString() == "+31 20 555 0100" && c.GetProperty("after").GetString() == "+31 20 777 0000");
        Assert.Contains(events, e => e.GetProperty("changeId").GetString() == disabled.ChangeId && e.GetProperty("type").GetString() == "change.running");

        var verify = await admin.GetJsonAsync("api/v1/audit/verify");
        Assert.True(verify.Status == HttpStatusCode.OK, verify.ToString());
        Assert.True(verify.Body.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.True(verify.Body.GetProperty("eventsChecked").GetInt64() >= 4);
    }

    [Fact]
    public async Task Audit_PasswordReset_RecordsTheChangeWithThePasswordRedacted()
    {
        const string user = "fay.reset";
        const string newPassword = "Green!Meadow-Passw0rd-88";

        var response = await (await fixture.As("keyuser")).SubmitAsync("reset-password", new { data = new { user, newPassword, mustChangeAtNextLogon = false }, reason = "Called the desk" });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        Assert.Equal(BindAnswer.Success, fixture.Directory.Bind(user, newPassword));
        var events = await (await fixture.As("admin")).AuditOfAsync(user);
        var done = Assert.Single(events, e => e.GetProperty("type").GetString() == "change.succeeded");
        Assert.Equal("kees.keyuser", done.GetProperty("actor").GetProperty("subject").GetString());
        Assert.Contains(done.GetProperty("changes").EnumerateArray(), c => c.GetProperty("attribute").GetString() == "password"
            && c.GetProperty("before").GetString() == "[redacted]" && c.GetProperty("after").GetString() == "[redacted]");
        Assert.DoesNotContain(newPassword, System.Text.Json.JsonSerializer.Serialize(events), StringComparison.Ordinal);
    }
}
