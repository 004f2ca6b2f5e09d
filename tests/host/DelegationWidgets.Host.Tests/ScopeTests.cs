using System.Net;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>Default deny and scope at submit: values outside the caller's delegation are refused (403) and the attempt is audited.</summary>
[Collection(HostGroup.Name)]
public sealed class ScopeTests(HostFixture fixture)
{
    private DirectoryReader Directory => new(fixture.Host.DatabasePath);

    [Fact]
    public async Task Submit_TargetInAnotherOu_Returns403AndIsAuditedAsDenied()
    {
        var user = (await Directory.UsersAsync("OU=HR,DC=demo,DC=example", "Locked = 0"))[0];
        var ticket = "INC-SCOPE-" + Guid.NewGuid().ToString("N")[..8];

        var response = await (await fixture.As("agent")).SubmitAsync("disable-account", new { data = new { user }, reason = "Test", ticket });

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("DW1004", response.ErrorId);
        Assert.NotEmpty(response.FieldErrors("/data/user"));
        Assert.Equal("1", await Directory.AttributeAsync(user, "Enabled"));
        Assert.Equal("access.denied", await Directory.ScalarAsync("SELECT Type FROM audit_events WHERE Ticket = $t", ("$t", ticket)));
        Assert.Equal(user, await Directory.ScalarAsync("SELECT TargetId FROM audit_events WHERE Ticket = $t", ("$t", ticket)));
    }

    [Fact]
    public async Task Submit_TargetThatDoesNotExist_Returns403LikeOutOfScope()
    {
        var response = await (await fixture.As("agent")).SubmitAsync("unlock-account", new { data = new { user = "no.such.user" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("DW1004", response.ErrorId);
    }

    [Fact]
    public async Task Submit_FormNotGranted_Returns403AndIsAudited()
    {
        var before = int.Parse(await Directory.ScalarAsync("SELECT COUNT(*) FROM audit_events WHERE Type = 'access.denied' AND ActorSubject = 'ivo.intern'") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        var response = await (await fixture.As("intern")).SubmitAsync("reset-password", new { data = new { user = SeedFacts.Employee }, reason = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("DW1003", response.ErrorId);
        Assert.Equal((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            await Directory.ScalarAsync("SELECT COUNT(*) FROM audit_events WHERE Type = 'access.denied' AND ActorSubject = 'ivo.intern'"));
    }

    [Fact]
    public async Task Submit_ResourceOutsideScope_Returns403()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[10];

        var response = await (await fixture.As("agent")).SubmitAsync("add-group-member", new { data = new { user, group = SeedFacts.ItGroup }, reason = "Escalate" });

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.NotEmpty(response.FieldErrors("/data/group"));
        Assert.False(await Directory.IsMemberAsync(user, SeedFacts.ItGroup));
    }

    [Fact]
    public async Task Submit_KeyUser_FinanceAllowed_SalesRefused()
    {
        var keyuser = await fixture.As("keyuser");
        var finance = (await Directory.UsersAsync(SeedFacts.Finance, "Locked = 1"))[0];
        var sales = (await Directory.UsersAsync(SeedFacts.Sales, "Locked = 1"))[1];

        var allowed = await keyuser.SubmitAsync("unlock-account", new { data = new { user = finance } });
        var refused = await keyuser.SubmitAsync("unlock-account", new { data = new { user = sales } });

        Assert.Equal(HttpStatusCode.Created, allowed.Status);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("1", await Directory.AttributeAsync(sales, "Locked"));
    }

    [Fact]
    public async Task Submit_Manager_OtherTeamOrGroupNotOwned_Refused()
    {
        var manager = await fixture.As("manager");
        var notAReport = (await Directory.ColumnAsync($"SELECT Id FROM directory_objects WHERE Kind = 0 AND (ManagerId IS NULL OR ManagerId <> '{SeedFacts.Manager}') ORDER BY Id LIMIT 1"))[0];

        var otherUser = await manager.SubmitAsync("update-contact-details", new { data = new { user = notAReport, phone = "+31 20 555 0000" } });
        var groupNotOwned = await manager.SubmitAsync("add-group-member", new { data = new { user = SeedFacts.Employee, group = "finance-team" }, reason = "x" });
        var ownedGroup = await manager.SubmitAsync("add-group-member", new { data = new { user = SeedFacts.Employee, group = SeedFacts.SalesGroupOwnedByManager }, reason = "Team" });

        Assert.Equal(HttpStatusCode.Forbidden, otherUser.Status);
        Assert.Equal(HttpStatusCode.Forbidden, groupNotOwned.Status);
        Assert.Equal(HttpStatusCode.Created, ownedGroup.Status);
    }

    [Fact]
    public async Task Submit_CreateAccountInOuOutsideScope_Refused()
    {
        var response = await (await fixture.As("agent")).SubmitAsync("create-temporary-account",
            new { data = new { givenName = "Out", surname = "Side", ou = SeedFacts.Sales, manager = "adam.admin", expiresOn = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, reason = "r", ticket = "INC9" });

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.NotEmpty(response.FieldErrors("/data/manager"));
    }

    [Fact]
    public async Task Submit_ExtraPropertyToSmuggleData_Returns400AndIsAuditedAsDenied()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[11];
        var ticket = "INC-SMUGGLE-" + Guid.NewGuid().ToString("N")[..8];

        var response = await (await fixture.As("agent")).SubmitAsync("unlock-account", new { data = new { user, ou = "OU=IT,DC=demo,DC=example" }, ticket });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty(response.FieldErrors("/data/ou"));
        Assert.Equal("access.denied", await Directory.ScalarAsync("SELECT Type FROM audit_events WHERE Ticket = $t", ("$t", ticket)));
        Assert.Equal(user, await Directory.ScalarAsync("SELECT TargetId FROM audit_events WHERE Ticket = $t", ("$t", ticket)));
        Assert.Contains("/data/ou", await Directory.ScalarAsync("SELECT Detail FROM audit_events WHERE Ticket = $t", ("$t", ticket)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_OlderFormVersion_Returns409AndIsAuditedAsDenied()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[11];
        var ticket = "INC-VERSION-" + Guid.NewGuid().ToString("N")[..8];

        var response = await (await fixture.As("agent")).SubmitAsync("unlock-account", new { data = new { user }, formVersion = 0, ticket });

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("DW1009", response.ErrorId);
        Assert.Equal("access.denied", await Directory.ScalarAsync("SELECT Type FROM audit_events WHERE Ticket = $t", ("$t", ticket)));
    }
}
