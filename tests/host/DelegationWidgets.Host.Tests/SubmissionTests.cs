using System.Globalization;
using System.Net;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>Every standard form, end to end as the helpdesk agent, each change read back from the directory.</summary>
[Collection(HostGroup.Name)]
public sealed class SubmissionTests(HostFixture fixture)
{
    private DirectoryReader Directory => new(fixture.Host.DatabasePath);

    [Fact]
    public async Task UnlockAccount_LockedSalesUser_UnlocksAndAudits()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales, "Locked = 1"))[0];

        var response = await (await fixture.As("agent")).SubmitAsync("unlock-account", new { data = new { user } }, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("succeeded", response.Body.GetProperty("status").GetString());
        Assert.Equal($"/api/v1/changes/{response.Body.GetProperty("id").GetString()}", response.Message.Headers.Location?.OriginalString);
        var diff = response.Body.GetProperty("changes")[0];
        Assert.Equal("locked", diff.GetProperty("attribute").GetString());
        Assert.Equal("true", diff.GetProperty("before").GetString());
        Assert.Equal("false", diff.GetProperty("after").GetString());
        Assert.Equal("0", await Directory.AttributeAsync(user, "Locked"));
    }

    [Fact]
    public async Task ResetPassword_WithoutPassword_GeneratesOneShownOnce()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales, "Locked = 0"))[1];
        var before = await Directory.AttributeAsync(user, "PasswordHash");

        var response = await (await fixture.As("agent")).SubmitAsync("reset-password", new { data = new { user }, reason = "Forgot password" }, "reset-" + user);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var secret = response.Body.GetProperty("secret");
        Assert.Equal("newPassword", secret.GetProperty("field").GetString());
        Assert.True(secret.GetProperty("value").GetString()!.Length >= 12);
        Assert.NotEqual(before, await Directory.AttributeAsync(user, "PasswordHash"));
        Assert.Equal("1", await Directory.AttributeAsync(user, "MustChangePassword"));
        Assert.All(response.Body.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("attribute").GetString() == "password"),
            c => Assert.Equal("[redacted]", c.GetProperty("after").GetString()));

        var replay = await (await fixture.As("agent")).SubmitAsync("reset-password", new { data = new { user }, reason = "Forgot password" }, "reset-" + user);
        Assert.Equal(response.Body.GetProperty("id").GetString(), replay.Body.GetProperty("id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, replay.Body.GetProperty("secret").ValueKind);
    }

    [Fact]
    public async Task ResetPassword_WeakPassword_Returns400OnTheFieldAndChangesNothing()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales, "Locked = 0"))[2];
        var before = await Directory.AttributeAsync(user, "PasswordHash");

        var response = await (await fixture.As("agent")).SubmitAsync("reset-password",
            new { data = new { user, newPassword = "alllowercaseletters" }, reason = "r" }, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty(response.FieldErrors("/data/newPassword"));
        Assert.Equal(before, await Directory.AttributeAsync(user, "PasswordHash"));
    }

    [Fact]
    public async Task CreateTemporaryAccount_InExternal_CreatesEnabledExpiringAccount()
    {
        var expires = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var response = await (await fixture.As("agent")).SubmitAsync("create-temporary-account",
            new { data = new { givenName = "Tessa", surname = "Tijdelijk", ou = SeedFacts.External, manager = SeedFacts.Manager, expiresOn = expires }, reason = "Contractor", ticket = "INC0012345" },
            Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var id = response.Body.GetProperty("changes").EnumerateArray().First().GetProperty("objectId").GetString()!;
        Assert.Equal(SeedFacts.External, await Directory.AttributeAsync(id, "OrganizationalUnit"));
        Assert.Equal("1", await Directory.AttributeAsync(id, "Enabled"));
        Assert.Equal(expires, await Directory.AttributeAsync(id, "AccountExpires"));
        Assert.Equal("initialPassword", response.Body.GetProperty("secret").GetProperty("field").GetString());
    }

    [Theory]
    [InlineData(181)]
    [InlineData(0)]
    public async Task CreateTemporaryAccount_ExpiryOutsideWindow_Returns400(int days)
    {
        var expires = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var response = await (await fixture.As("agent")).SubmitAsync("create-temporary-account",
            new { data = new { givenName = "Late", surname = "Expiry", ou = SeedFacts.External, manager = SeedFacts.Manager, expiresOn = expires }, reason = "r", ticket = "INC1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("Choose a date", response.FieldErrors("/data/expiresOn")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTemporaryAccount_OuOutsideTheFormsList_Returns400()
    {
        var response = await (await fixture.As("admin")).SubmitAsync("create-temporary-account",
            new { data = new { givenName = "A", surname = "B", ou = "OU=IT,DC=demo,DC=example", manager = SeedFacts.Manager, expiresOn = "2026-12-31" }, reason = "r", ticket = "INC1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty(response.FieldErrors("/data/ou"));
    }

    [Fact]
    public async Task DisableAccount_SalesUser_Disables()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales, "Enabled = 1 AND Locked = 0"))[3];

        var response = await (await fixture.As("agent")).SubmitAsync("disable-account", new { data = new { user }, reason = "Left", ticket = "INC2" });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("0", await Directory.AttributeAsync(user, "Enabled"));
    }

    [Fact]
    public async Task DeleteAccount_ExternalWithConfirmation_Deletes()
    {
        var user = (await Directory.UsersAsync(SeedFacts.External))[0];

        var unconfirmed = await (await fixture.As("agent")).SubmitAsync("delete-account", new { data = new { user, confirm = false }, reason = "Done", ticket = "INC3" });
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.Status);
        Assert.NotEmpty(unconfirmed.FieldErrors("/data/confirm"));
        Assert.NotNull(await Directory.AttributeAsync(user, "Id"));

        var response = await (await fixture.As("agent")).SubmitAsync("delete-account", new { data = new { user, confirm = true }, reason = "Done", ticket = "INC3" });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Null(await Directory.AttributeAsync(user, "Id"));
    }

    [Fact]
    public async Task DeleteAccount_NonExternalUser_IsRefusedAsOutOfScope()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[4];

        var response = await (await fixture.As("admin")).SubmitAsync("delete-account", new { data = new { user, confirm = true }, reason = "No", ticket = "INC4" });

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.NotEmpty(response.FieldErrors("/data/user"));
        Assert.NotNull(await Directory.AttributeAsync(user, "Id"));
    }

    [Fact]
    public async Task AddAndRemoveGroupMember_AreIdempotentInEffect()
    {
        var agent = await fixture.As("agent");
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[5];
        var group = (await Directory.ColumnAsync($"SELECT Id FROM directory_objects WHERE Kind = 1 AND OrganizationalUnit = '{SeedFacts.Sales}' AND Id NOT IN (SELECT GroupId FROM directory_group_members WHERE UserId = '{user}') ORDER BY Id"))[0];

        var added = await agent.SubmitAsync("add-group-member", new { data = new { user, group }, reason = "New role" });
        var again = await agent.SubmitAsync("add-group-member", new { data = new { user, group }, reason = "New role" });

        Assert.Equal(HttpStatusCode.Created, added.Status);
        Assert.Equal("changed", added.Body.GetProperty("outcome").GetString());
        Assert.Equal("no-change", again.Body.GetProperty("outcome").GetString());
        Assert.True(await Directory.IsMemberAsync(user, group));

        var removed = await agent.SubmitAsync("remove-group-member", new { data = new { user, group }, reason = "Role ended" });
        Assert.Equal(HttpStatusCode.Created, removed.Status);
        Assert.False(await Directory.IsMemberAsync(user, group));
    }

    [Fact]
    public async Task RemoveGroupMember_GroupTheUserIsNotIn_IsRefused()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[6];
        var group = (await Directory.ColumnAsync($"SELECT Id FROM directory_objects WHERE Kind = 1 AND OrganizationalUnit = '{SeedFacts.Sales}' AND Id NOT IN (SELECT GroupId FROM directory_group_members WHERE UserId = '{user}') ORDER BY Id"))[0];

        var response = await (await fixture.As("agent")).SubmitAsync("remove-group-member", new { data = new { user, group }, reason = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.NotEmpty(response.FieldErrors("/data/group"));
    }

    [Fact]
    public async Task GrantMailboxAccess_SalesMailbox_Grants()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[7];

        var response = await (await fixture.As("agent")).SubmitAsync("grant-mailbox-access", new { data = new { user, mailbox = SeedFacts.SalesMailbox, permission = "SendAs" }, reason = "Cover" });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("1", await Directory.ScalarAsync(
            "SELECT COUNT(*) FROM directory_mailbox_permissions WHERE MailboxId = $m AND UserId = $u AND Right = 'SendAs'", ("$m", SeedFacts.SalesMailbox), ("$u", user)));
    }

    [Fact]
    public async Task GrantMailboxAccess_UnknownPermission_Returns400WithChoices()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[7];

        var response = await (await fixture.As("agent")).SubmitAsync("grant-mailbox-access", new { data = new { user, mailbox = SeedFacts.SalesMailbox, permission = "Owner" }, reason = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty(response.FieldErrors("/data/permission"));
    }

    [Fact]
    public async Task UpdateContactDetails_Manager_UpdatesDirectReport()
    {
        var response = await (await fixture.As("manager")).SubmitAsync("update-contact-details", new { data = new { user = SeedFacts.Employee, phone = "+31 20 555 0101" } });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("+31 20 555 0101", await Directory.AttributeAsync(SeedFacts.Employee, "Phone"));
    }

    [Fact]
    public async Task UpdateContactDetails_InvalidMailAndNothingToChange_Returns400()
    {
        var manager = await fixture.As("manager");

        var invalid = await manager.SubmitAsync("update-contact-details", new { data = new { user = SeedFacts.Employee, mail = "not-an-address" } });
        var nothing = await manager.SubmitAsync("update-contact-details", new { data = new { user = SeedFacts.Employee } });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.NotEmpty(invalid.FieldErrors("/data/mail"));
        Assert.Equal(HttpStatusCode.BadRequest, nothing.Status);
    }

    [Fact]
    public async Task Submit_SchemaViolations_ReturnEveryFieldError()
    {
        var response = await (await fixture.As("agent")).SubmitAsync("reset-password",
            new { data = new { newPassword = "short", mustChangeAtNextLogon = "yes", admin = true } });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("DW1005", response.ErrorId);
        Assert.NotEmpty(response.FieldErrors("/data/user"));
        Assert.NotEmpty(response.FieldErrors("/data/newPassword"));
        Assert.NotEmpty(response.FieldErrors("/data/mustChangeAtNextLogon"));
        Assert.NotEmpty(response.FieldErrors("/reason"));
    }

    [Fact]
    public async Task DryRun_ShowsBeforeAfterAndChangesNothing()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales, "Locked = 1"))[^1];
        var agent = await fixture.As("agent");
        var eventsBefore = await Directory.ScalarAsync("SELECT COUNT(*) FROM audit_events");

        var response = await agent.SubmitAsync("unlock-account", new { data = new { user }, dryRun = true }, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Changed", response.Body.GetProperty("outcome").GetString());
        Assert.Equal("true", response.Body.GetProperty("changes")[0].GetProperty("before").GetString());
        Assert.Equal("1", await Directory.AttributeAsync(user, "Locked"));
        Assert.Equal(eventsBefore, await Directory.ScalarAsync("SELECT COUNT(*) FROM audit_events"));
    }

    [Fact]
    public async Task GetChange_ByActor_ReturnsIt_ByOthers_404()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[8];
        var created = await (await fixture.As("agent")).SubmitAsync("grant-mailbox-access", new { data = new { user, mailbox = SeedFacts.SalesMailbox, permission = "FullAccess" }, reason = "x" });
        var id = created.Body.GetProperty("id").GetString();

        var mine = await (await fixture.As("agent")).GetJsonAsync($"api/v1/changes/{id}");
        var admin = await (await fixture.As("admin")).GetJsonAsync($"api/v1/changes/{id}");
        var other = await (await fixture.As("intern")).GetJsonAsync($"api/v1/changes/{id}");

        Assert.Equal(HttpStatusCode.OK, mine.Status);
        Assert.Equal("succeeded", mine.Body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, admin.Status);
        Assert.Equal(HttpStatusCode.NotFound, other.Status);
    }
}
