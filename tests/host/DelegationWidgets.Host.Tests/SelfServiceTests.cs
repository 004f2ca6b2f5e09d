using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>
/// The self-service catalog end to end over the real host: the demo's employee (Emma) reports to the manager persona
/// (Maria); products are fulfilled through the built-in directory, every step is audited and the chain stays intact.
/// Tests that move the clock have a host of their own.
/// </summary>
public sealed class SelfServiceTests(SelfServiceHost self) : IClassFixture<SelfServiceHost>
{
    private const string Employee = "emma.employee";

    [Fact]
    public async Task Catalog_EmployeeSeesTheWholeDemoCatalog_AnInternFromItDoesNotSeeSalesOnlyProducts()
    {
        using var employee = await self.Host.ClientAsync("employee");
        using var intern = await self.Host.ClientAsync("intern");

        var mine = (await employee.GetJsonAsync("api/v1/catalog")).Body.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        var interns = (await intern.GetJsonAsync("api/v1/catalog")).Body.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();

        Assert.Superset(new HashSet<string?> { "crm-access", "design-tool", "analytics-pro", "servicedesk-mailbox", "emergency-response" }, mine.ToHashSet());
        Assert.DoesNotContain("crm-access", interns);
        Assert.Contains("design-tool", interns);
    }

    [Fact]
    public async Task AutoApprovedProduct_IsFulfilledAtOnce_WithTheRuleRecorded()
    {
        var response = await self.RequestAsync("employee", new { product = "crm-access", reason = "New in the Sales team" });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        Assert.Equal("fulfilled", response.Body.GetProperty("status").GetString());
        var step = Assert.Single(response.Body.GetProperty("timeline").EnumerateArray());
        Assert.Equal("auto-approved", step.GetProperty("status").GetString());
        Assert.Equal("cost at most 0 and risk low", step.GetProperty("rule").GetString());
        Assert.True(await self.Directory.IsMemberAsync(Employee, "sales-crm-users"));
        var (events, intact) = await self.AuditOfAsync(response.Body.GetProperty("id").GetString()!, Employee);
        Assert.Equal(["request.created", "request.fulfilled"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Contains("approved automatically (rule: cost at most 0 and risk low)", events[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(intact);

        var again = await self.RequestAsync("employee", new { product = "crm-access", reason = "Once more" });
        Assert.True(again.Status == HttpStatusCode.Conflict, again.ToString());
    }

    [Fact]
    public async Task TwoStepApproval_ManagerThenResourceOwner_FulfilledAfterBoth_EveryStepAudited()
    {
        var created = await self.RequestAsync("employee", new { product = "analytics-pro", reason = "Quarterly forecasts" });
        var id = created.Body.GetProperty("id").GetString()!;

        Assert.Equal("pending-approval", created.Body.GetProperty("status").GetString());
        Assert.Null(await self.ApprovalAsync("admin", id));
        var manager = await self.ApprovalAsync("manager", id);
        Assert.NotNull(manager);
        Assert.Equal(240m, manager.Value.GetProperty("cost").GetDecimal());

        var first = await self.DecideAsync("manager", manager.Value.GetProperty("id").GetString()!, approve: true, "Needed for the forecasts");
        Assert.True(first.Status == HttpStatusCode.OK, first.ToString());
        Assert.Equal("pending-approval", first.Body.GetProperty("status").GetString());
        Assert.False(await self.Directory.IsMemberAsync(Employee, "app-analytics-pro"));
        var owner = await self.ApprovalAsync("admin", id);
        Assert.NotNull(owner);

        var second = await self.DecideAsync("admin", owner.Value.GetProperty("id").GetString()!, approve: true);

        Assert.Equal("fulfilled", second.Body.GetProperty("status").GetString());
        Assert.True(await self.Directory.IsMemberAsync(Employee, "app-analytics-pro"));
        var timeline = second.Body.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["approved", "approved"], timeline.Select(s => s.GetProperty("status").GetString()));
        Assert.Equal("Maria Manager", timeline[0].GetProperty("decisions")[0].GetProperty("approverName").GetString());
        Assert.Equal("Needed for the forecasts", timeline[0].GetProperty("decisions")[0].GetProperty("comment").GetString());
        var (events, intact) = await self.AuditOfAsync(id, Employee);
        Assert.Equal(["request.created", "request.approved", "request.approved", "request.fulfilled"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("maria.manager", events[1].GetProperty("actor").GetProperty("subject").GetString());
        Assert.True(intact);

        var late = await self.DecideAsync("manager", manager.Value.GetProperty("id").GetString()!, approve: true);
        Assert.True(late.Status == HttpStatusCode.Conflict, late.ToString());
        Assert.Contains("already approved by Maria Manager", late.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Denial_NeedsAComment_AndEndsTheRequestWithoutAccess()
    {
        var created = await self.RequestAsync("employee", new { product = "design-tool", reason = "Icons for the website", durationDays = 30 });
        var approval = (await self.ApprovalAsync("manager", created.Body.GetProperty("id").GetString()!))!.Value.GetProperty("id").GetString()!;

        var silent = await self.DecideAsync("manager", approval, approve: false);
        var denied = await self.DecideAsync("manager", approval, approve: false, "The marketing team makes the icons");

        Assert.True(silent.Status == HttpStatusCode.BadRequest, silent.ToString());
        Assert.Equal("denied", denied.Body.GetProperty("status").GetString());
        Assert.False(await self.Directory.IsMemberAsync(Employee, "app-design-tool"));
        Assert.Null(await self.ApprovalAsync("manager", created.Body.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task ManagerRequestingForHerDirectReport_CannotApproveIt_TheStepGoesToTheFallbackApprover()
    {
        var report = (await self.Directory.ColumnAsync("SELECT Id FROM directory_objects WHERE Kind = 0 AND ManagerId = 'maria.manager' AND Id <> 'emma.employee' ORDER BY Id"))[0];
        var created = await self.RequestAsync("manager", new { product = "design-tool", beneficiary = report, reason = "Mock-ups for the trade fair", durationDays = 10 });
        var id = created.Body.GetProperty("id").GetString()!;

        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        Assert.Null(await self.ApprovalAsync("manager", id));
        var fallback = await self.ApprovalAsync("admin", id);
        Assert.NotNull(fallback);
        var own = await self.DecideAsync("manager", fallback.Value.GetProperty("id").GetString()!, approve: true);
        Assert.True(own.Status == HttpStatusCode.Forbidden, own.ToString());
        Assert.Contains("own request", own.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var forStranger = await self.RequestAsync("manager", new { product = "design-tool", beneficiary = "anna.agent", reason = "x" });
        Assert.True(forStranger.Status == HttpStatusCode.Forbidden, forStranger.ToString());
    }

    [Fact]
    public async Task ApproverRemovedFromTheApproverGroupBeforeDeciding_IsRefused()
    {
        var wasMember = await self.Directory.IsMemberAsync("ivo.intern", "vpn-users");
        var created = await self.RequestAsync("intern", new { product = "vpn", reason = "Working from home" });
        var id = created.Body.GetProperty("id").GetString()!;
        var approval = (await self.ApprovalAsync("agent", id))!.Value.GetProperty("id").GetString()!;
        using (var admin = await self.Host.ClientAsync("admin"))
        {
            var removed = await admin.SubmitAsync("remove-group-member", new { data = new { user = "anna.agent", group = "it-helpdesk" }, reason = "Left the helpdesk" });
            Assert.True(removed.Status == HttpStatusCode.Created, removed.ToString());
        }

        var decision = await self.DecideAsync("agent", approval, approve: true);

        Assert.True(decision.Status == HttpStatusCode.Forbidden, decision.ToString());
        Assert.Contains("no longer one of the approvers", decision.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("pending-approval", (await self.RequestOfAsync("intern", id)).GetProperty("status").GetString());
        Assert.Equal(wasMember, await self.Directory.IsMemberAsync("ivo.intern", "vpn-users"));
        var (events, _) = await self.AuditOfAsync(id, "ivo.intern");
        Assert.Equal(["request.created"], events.Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Notifications_ApproverGetsLinksThatOpenTheApprovalsWidget_RequesterHearsTheOutcome()
    {
        var pending = await self.RequestAsync("intern", new { product = "design-tool", reason = "Diagrams for the runbook", durationDays = 5 });
        var approvalId = $"{pending.Body.GetProperty("id").GetString()}.0";
        var ready = await self.RequestAsync("manager", new { product = "crm-access", reason = "Pipeline reviews" });

        // The intern's manager (the IT manager) is asked, with links to the approvals page for this approval.
        var ask = await self.Mail.WaitForAsync("X-Rcpt-Args: <thomas.visser@demo.example>", "Approval needed: Design tool licence for ivo.intern");
        Assert.Contains($"https://intranet.demo.example/approvals?approval={Uri.EscapeDataString(approvalId)}&decision=approve", ask, StringComparison.Ordinal);
        Assert.Contains($"https://intranet.demo.example/approvals?approval={Uri.EscapeDataString(approvalId)}&decision=deny", ask, StringComparison.Ordinal);
        Assert.Contains("X-Mail-Args: <delegationwidgets@demo.example>", ask, StringComparison.Ordinal);
        var done = await self.Mail.WaitForAsync("X-Rcpt-Args: <maria.manager@demo.example>", "Your request: CRM access is ready");
        Assert.Contains($"https://intranet.demo.example/requests?request={ready.Body.GetProperty("id").GetString()}", done, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameIdempotencyKey_ReturnsTheFirstRequest_OtherDataWithTheKeyIs409()
    {
        using var keyuser = await self.Host.ClientAsync("keyuser");
        var key = Guid.NewGuid().ToString();
        async Task<ApiResponse> SendAsync(string reason)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "api/v1/requests") { Content = JsonContent.Create(new { product = "design-tool", reason, durationDays = 3 }) };
            message.Headers.Add("Idempotency-Key", key);
            return await Api.ReadAsync(await keyuser.SendAsync(message));
        }

        var first = await SendAsync("Slides for the budget round");
        var again = await SendAsync("Slides for the budget round");
        var other = await SendAsync("Something else");

        Assert.True(first.Status == HttpStatusCode.Created, first.ToString());
        Assert.Equal(first.Body.GetProperty("id").GetString(), again.Body.GetProperty("id").GetString());
        Assert.True(other.Status == HttpStatusCode.Conflict, other.ToString());
        Assert.Equal("DW1008", other.ErrorId);
        var mine = await keyuser.GetJsonAsync("api/v1/requests?mine=true");
        Assert.Single(mine.Body.EnumerateArray(), r => r.GetProperty("productId").GetString() == "design-tool");
    }

    [Fact]
    public async Task Cancel_WhilePending_ThenNoLongerPossible()
    {
        var created = await self.RequestAsync("employee", new { product = "servicedesk-mailbox", reason = "Helping out in December" });
        var id = created.Body.GetProperty("id").GetString()!;
        using var employee = await self.Host.ClientAsync("employee");

        var cancelled = await employee.PostRawAsync($"api/v1/requests/{id}/cancel", "");
        var twice = await employee.PostRawAsync($"api/v1/requests/{id}/cancel", "");

        Assert.Equal("cancelled", cancelled.Body.GetProperty("status").GetString());
        Assert.True(twice.Status == HttpStatusCode.Conflict, twice.ToString());
        var mine = await employee.GetJsonAsync("api/v1/requests?mine=true");
        Assert.Contains(mine.Body.EnumerateArray(), r => r.GetProperty("id").GetString() == id && r.GetProperty("status").GetString() == "cancelled");
    }
}

/// <summary>Time-outs and the end of time-bound access, with the host's clock moved on (a host per test).</summary>
public sealed class SelfServiceClockTests : IAsyncLifetime
{
    private readonly SelfServiceHost _self = new();

    public Task InitializeAsync() => _self.InitializeAsync();

    public Task DisposeAsync() => _self.DisposeAsync();

    [Fact]
    public async Task StepNobodyDecidesOnInTime_IsEscalatedToTheFallbackApprover_WhoApproves()
    {
        var created = await _self.RequestAsync("employee", new { product = "design-tool", reason = "Banners", durationDays = 30 });
        var id = created.Body.GetProperty("id").GetString()!;

        await _self.AdvanceClockAsync(TimeSpan.FromDays(4));
        var escalated = await WaitForAsync(() => _self.ApprovalAsync("admin", id));

        Assert.Null(await _self.ApprovalAsync("manager", id));
        var approved = await _self.DecideAsync("admin", escalated.GetProperty("id").GetString()!, approve: true, "Approved on Maria's behalf");
        Assert.Equal("fulfilled", approved.Body.GetProperty("status").GetString());
        var (events, intact) = await _self.AuditOfAsync(id, "emma.employee");
        Assert.Equal(["request.created", "request.escalated", "request.approved", "request.fulfilled"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("urn:delegationwidgets:system", events[1].GetProperty("actor").GetProperty("issuer").GetString());
        Assert.True(intact);
    }

    [Fact]
    public async Task DeputyNamedWhileAStepWaits_SeesItAndDecidesForTheApprover()
    {
        var waiting = await _self.RequestAsync("employee", new { product = "analytics-pro", reason = "Forecasts before the leave" });
        var id = waiting.Body.GetProperty("id").GetString()!;
        Assert.Null(await _self.ApprovalAsync("admin", id));

        using var manager = await _self.Host.ClientAsync("manager");
        var set = await Api.ReadAsync(await manager.PostAsJsonAsync(new Uri("api/v1/approvals/deputies", UriKind.Relative),
            new { deputy = "adam.admin", until = DateTimeOffset.UtcNow.AddDays(7) }));
        Assert.True(set.Status == HttpStatusCode.Created, set.ToString());

        var byDeputy = await _self.ApprovalAsync("admin", id);
        Assert.NotNull(byDeputy);
        var decided = await _self.DecideAsync("admin", byDeputy.Value.GetProperty("id").GetString()!, approve: true, "For Maria, on leave");
        var again = await _self.DecideAsync("manager", byDeputy.Value.GetProperty("id").GetString()!, approve: true);

        Assert.True(decided.Status == HttpStatusCode.OK, decided.ToString());
        var decision = decided.Body.GetProperty("timeline")[0].GetProperty("decisions")[0];
        Assert.Equal("adam.admin", decision.GetProperty("approver").GetString());
        Assert.Equal("maria.manager", decision.GetProperty("onBehalfOf").GetString());
        Assert.True(again.Status == HttpStatusCode.Conflict, again.ToString()); // the step went on: decided
        Assert.Null(await _self.ApprovalAsync("manager", id));
    }

    [Fact]
    public async Task DeputyForAnApproverOnLeave_MayDecide_UntilTheLeaveEnds()
    {
        using var manager = await _self.Host.ClientAsync("manager");
        var self = await Api.ReadAsync(await manager.PostAsJsonAsync(new Uri("api/v1/approvals/deputies", UriKind.Relative),
            new { deputy = "maria.manager", until = DateTimeOffset.UtcNow.AddDays(7) }));
        var set = await Api.ReadAsync(await manager.PostAsJsonAsync(new Uri("api/v1/approvals/deputies", UriKind.Relative),
            new { deputy = "adam.admin", until = DateTimeOffset.UtcNow.AddDays(7) }));
        Assert.True(self.Status == HttpStatusCode.BadRequest, self.ToString());
        Assert.True(set.Status == HttpStatusCode.Created, set.ToString());

        var first = await _self.RequestAsync("employee", new { product = "analytics-pro", reason = "Dashboards" });
        var firstId = first.Body.GetProperty("id").GetString()!;
        var byDeputy = await _self.ApprovalAsync("admin", firstId);

        Assert.NotNull(byDeputy);
        Assert.NotNull(await _self.ApprovalAsync("manager", firstId));
        var decided = await _self.DecideAsync("admin", byDeputy.Value.GetProperty("id").GetString()!, approve: true, "For Maria, who is on leave");
        Assert.True(decided.Status == HttpStatusCode.OK, decided.ToString());
        Assert.Equal("Adam Admin", decided.Body.GetProperty("timeline")[0].GetProperty("decisions")[0].GetProperty("approverName").GetString());

        // After the leave, the deputy is no longer asked.
        await _self.AdvanceClockAsync(TimeSpan.FromDays(8));
        var later = await _self.RequestAsync("employee", new { product = "design-tool", reason = "Posters", durationDays = 7 });
        Assert.Null(await _self.ApprovalAsync("admin", later.Body.GetProperty("id").GetString()!));
        Assert.NotNull(await _self.ApprovalAsync("manager", later.Body.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task StepWaitingADay_ItsApproverIsRemindedOnce()
    {
        var created = await _self.RequestAsync("employee", new { product = "design-tool", reason = "Posters", durationDays = 7 });
        var id = created.Body.GetProperty("id").GetString()!;
        await _self.Mail.WaitForAsync("X-Rcpt-Args: <maria.manager@demo.example>", "Subject: Approval needed: Design tool licence for emma.employee");

        await _self.AdvanceClockAsync(TimeSpan.FromHours(26));
        await _self.Mail.WaitForAsync("X-Rcpt-Args: <maria.manager@demo.example>", "Subject: Reminder: approval needed: Design tool licence for emma.employee");
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var (events, intact) = await _self.AuditOfAsync(id, "emma.employee");
        Assert.Equal(["request.created", "request.reminded"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Single(_self.Mail.Messages(), m => m.Contains("Reminder: approval needed", StringComparison.Ordinal));
        Assert.NotNull(await _self.ApprovalAsync("manager", id));
        Assert.True(intact);
    }

    [Fact]
    public async Task TimeBoundAccess_IsRevokedWhenItEnds_AuditedAsTheSystemOnBehalfOfTheRequest()
    {
        var created = await _self.RequestAsync("employee", new { product = "design-tool", reason = "One campaign", durationDays = 1 });
        var id = created.Body.GetProperty("id").GetString()!;
        var approval = (await _self.ApprovalAsync("manager", id))!.Value.GetProperty("id").GetString()!;
        var fulfilled = await _self.DecideAsync("manager", approval, approve: true);
        Assert.Equal("fulfilled", fulfilled.Body.GetProperty("status").GetString());
        Assert.True(await _self.Directory.IsMemberAsync("emma.employee", "app-design-tool"));

        await _self.AdvanceClockAsync(TimeSpan.FromDays(2));
        await WaitForAsync(async () => (await _self.RequestOfAsync("employee", id)).GetProperty("status").GetString() == "expired" ? (JsonElement?)default(JsonElement) : null);

        Assert.False(await _self.Directory.IsMemberAsync("emma.employee", "app-design-tool"));
        var (events, intact) = await _self.AuditOfAsync(id, "emma.employee");
        var revoked = events[^1];
        Assert.Equal("request.revoked", revoked.GetProperty("type").GetString());
        Assert.Equal("system", revoked.GetProperty("actor").GetProperty("subject").GetString());
        Assert.Contains($"on behalf of request {id}", revoked.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(intact);
    }

    [Fact]
    public async Task TimeBoundAccess_Extended_PassesTheWorkflowAgain_AndEndsOnlyAtTheNewEnd()
    {
        var first = await _self.RequestAsync("employee", new { product = "design-tool", reason = "One campaign", durationDays = 1 });
        var id = first.Body.GetProperty("id").GetString()!;
        await _self.DecideAsync("manager", (await _self.ApprovalAsync("manager", id))!.Value.GetProperty("id").GetString()!, approve: true);
        var firstEnd = (await _self.RequestOfAsync("employee", id)).GetProperty("expiresAt").GetDateTimeOffset();

        var unrelated = await _self.RequestAsync("employee", new { product = "design-tool", reason = "More", durationDays = 3 });
        var extension = await _self.RequestAsync("employee", new { product = "design-tool", reason = "The campaign runs longer", durationDays = 3, extends = id });
        Assert.True(unrelated.Status == HttpStatusCode.Conflict, unrelated.ToString());
        Assert.Equal("pending-approval", extension.Body.GetProperty("status").GetString());
        var extensionId = extension.Body.GetProperty("id").GetString()!;
        var approved = await _self.DecideAsync("manager", (await _self.ApprovalAsync("manager", extensionId))!.Value.GetProperty("id").GetString()!, approve: true);

        Assert.Equal("fulfilled", approved.Body.GetProperty("status").GetString());
        Assert.Equal(firstEnd.AddDays(3), approved.Body.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal("extended", (await _self.RequestOfAsync("employee", id)).GetProperty("status").GetString());

        // Past the first end: still a member; past the new end: revoked.
        await _self.AdvanceClockAsync(TimeSpan.FromDays(2));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.True(await _self.Directory.IsMemberAsync("emma.employee", "app-design-tool"));
        await _self.AdvanceClockAsync(TimeSpan.FromDays(3));
        await WaitForAsync(async () => (await _self.RequestOfAsync("employee", extensionId)).GetProperty("status").GetString() == "expired" ? (JsonElement?)default(JsonElement) : null);
        Assert.False(await _self.Directory.IsMemberAsync("emma.employee", "app-design-tool"));
    }

    [Fact]
    public async Task RequestApprovedButNotFulfilled_TheHostStoppedInBetween_IsFulfilledByTheSweep()
    {
        // A request recorded as approved by every step, whose fulfilment never ran (as after a crash right after the decision).
        var id = Guid.NewGuid().ToString();
        var now = DateTime.UtcNow;
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_self.Host.DatabasePath}"))
        {
            await db.OpenAsync();
            await using var insert = db.CreateCommand();
            insert.CommandText = """
                INSERT INTO requests (Id, ProductId, ProductVersion, WorkflowVersion, ProductTitle, RequesterIssuer, RequesterSubject, RequesterName,
                  RequesterRoles, BeneficiaryId, IdempotencyKey, RequestHash, Reason, DurationDays, Status, StepIndex, StepsJson, PendingApprovers,
                  CreatedAt, UpdatedAt, ChangesJson, Version)
                VALUES ($id, 'design-tool', 1, 1, 'Design tool licence', 'urn:delegationwidgets:dev', 'emma.employee', 'Emma Employee',
                  'employee', 'emma.employee', $key, 'x', 'Recovered', 5, 'approved', 1, '[]', '', $now, $now, '[]', 0)
                """;
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$key", "auto:" + id);
            insert.Parameters.AddWithValue("$now", now);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        await _self.AdvanceClockAsync(TimeSpan.FromMinutes(2));
        var done = await WaitForAsync(async () => await _self.RequestOfAsync("employee", id) is { } r && r.GetProperty("status").GetString() == "fulfilled" ? r : null);

        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("expiresAt").ValueKind);
        Assert.True(await _self.Directory.IsMemberAsync("emma.employee", "app-design-tool"));
        var (events, intact) = await _self.AuditOfAsync(id, "emma.employee");
        Assert.Equal(["request.fulfilled"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.True(intact);
    }

    private static async Task<JsonElement> WaitForAsync(Func<Task<JsonElement?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "Nothing happened within 30 seconds.");
            await Task.Delay(250);
        }
    }
}
