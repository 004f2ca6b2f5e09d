using System.Text.Json;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Sdk.Tests.Fixtures;

namespace DelegationWidgets.Sdk.Tests;

/// <summary>
/// The self-service calls against the real host's demo catalog. The host's database is shared by the collection and a
/// second open request of a product for the same person is refused, so each test that leaves a request waiting or
/// fulfilled has a product and beneficiary of its own: crm-access for the employee, design-tool for the employee (approved
/// by the manager) and for the key user, servicedesk-mailbox for the intern (cancelled); analytics-pro for the manager
/// belongs to the retry tests.
/// </summary>
[Collection(RealHost.Name)]
public sealed class DelegationClientSelfServiceTests(HostFixture host)
{
    [Fact]
    public async Task GetCatalogAsync_Employee_ListsTheDemoProductsWithTheirFields()
    {
        var catalog = await host.Client("employee").GetCatalogAsync();
        var interns = await host.Client("intern").GetCatalogAsync();

        Assert.Superset(new HashSet<string> { "crm-access", "design-tool", "analytics-pro", "servicedesk-mailbox", "emergency-response" }, catalog.Select(p => p.Id).ToHashSet());
        var mailbox = Assert.Single(catalog, p => p.Id == "servicedesk-mailbox");
        Assert.NotNull(mailbox.Form);
        Assert.Equal("Access", mailbox.Form.Schema.GetProperty("properties").GetProperty("permission").GetProperty("title").GetString());
        Assert.Equal("radio", mailbox.Form.UiSchema.GetProperty("fields").GetProperty("permission").GetProperty("widget").GetString());
        var design = Assert.Single(catalog, p => p.Id == "design-tool");
        Assert.Null(design.Form);
        Assert.Equal(365, design.MaxDurationDays);
        Assert.Equal("Your manager approves", design.Approval);
        Assert.DoesNotContain(interns, p => p.Id == "crm-access");
    }

    [Fact]
    public async Task RequestAsync_ProductThatApprovesItself_IsFulfilledAtOnce_ASecondIsAlreadyRequested()
    {
        var client = host.Client("employee");

        var request = await client.RequestAsync(new AccessRequestInput("crm-access", Reason: "New in the Sales team"));
        var read = await client.GetRequestAsync(request.Id);
        var mine = await client.GetMyRequestsAsync();
        var again = await Assert.ThrowsAsync<DelegationApiException>(() => client.RequestAsync(new AccessRequestInput("crm-access", Reason: "Once more")));

        Assert.Equal("fulfilled", request.Status);
        Assert.NotNull(request.FulfilledAt);
        Assert.Equal("emma.employee", request.Beneficiary);
        Assert.Equal("emma.employee", request.Requester.Subject);
        var step = Assert.Single(request.Timeline);
        Assert.Equal("auto-approved", step.Status);
        Assert.Equal("cost at most 0 and risk low", step.Rule);
        Assert.Equal("fulfilled", read.Status);
        Assert.Contains(mine, r => r.Id == request.Id);
        Assert.Equal(409, again.Status);
        Assert.Equal("DW1024", again.ErrorId);
        Assert.Contains(request.Id, again.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAsync_SameKeyTwice_ReturnsTheSameRequest_OtherInputWithTheKeyIsAConflict()
    {
        var client = host.Client("keyuser");
        var key = Guid.NewGuid().ToString();
        var input = new AccessRequestInput("design-tool", Reason: "Slides for the budget round", DurationDays: 3);

        var first = await client.RequestAsync(input, key);
        var second = await client.RequestAsync(input, key);
        var other = await Assert.ThrowsAsync<DelegationApiException>(() => client.RequestAsync(input with { Reason = "Something else" }, key));

        Assert.Equal("pending-approval", first.Status);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Equal(409, other.Status);
        Assert.Equal("DW1008", other.ErrorId);
        Assert.Single(await client.GetMyRequestsAsync(), r => r.ProductId == "design-tool");
    }

    [Fact]
    public async Task RequestAsync_NoReason_ThrowsWithReasonPointer()
    {
        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("intern").RequestAsync(new AccessRequestInput("design-tool")));

        Assert.Equal(400, e.Status);
        Assert.Equal("DW1005", e.ErrorId);
        Assert.Single(e.Errors["/reason"]);
    }

    [Fact]
    public async Task RequestAsync_FieldNotMatchingItsPattern_ThrowsWithDataPointer()
    {
        var input = new AccessRequestInput("emergency-response", Reason: "On the call-out rota", Data: JsonSerializer.SerializeToElement(new { mobile = "call me" }));

        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("intern").RequestAsync(input));

        Assert.Equal(400, e.Status);
        Assert.Equal("DW1005", e.ErrorId);
        Assert.Single(e.Errors["/data/mobile"]);
        Assert.False(e.Errors.ContainsKey("/reason"));
    }

    [Fact]
    public async Task RequestAsync_ForSomeoneNotADirectReport_ThrowsNotForThisPerson()
    {
        var e = await Assert.ThrowsAsync<DelegationApiException>(() =>
            host.Client("manager").RequestAsync(new AccessRequestInput("design-tool", Beneficiary: "anna.agent", Reason: "Mock-ups")));

        Assert.Equal(403, e.Status);
        Assert.Equal("DW1004", e.ErrorId);
        Assert.True(e.Errors.ContainsKey("/beneficiary"));
    }

    [Fact]
    public async Task SelfService_UnknownOrHiddenIds_ThrowNotFound()
    {
        var unknownProduct = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("intern").RequestAsync(new AccessRequestInput("no-such-product", Reason: "x")));
        var hiddenProduct = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("intern").RequestAsync(new AccessRequestInput("crm-access", Reason: "x")));
        var request = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("intern").GetRequestAsync("no-such-request"));
        var approval = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("manager").DecideAsync("no-such-request.0", new ApprovalDecisionInput(true)));

        Assert.Equal((404, "DW1023"), (unknownProduct.Status, unknownProduct.ErrorId));
        Assert.Equal((404, "DW1023"), (hiddenProduct.Status, hiddenProduct.ErrorId));
        Assert.Equal((404, "DW1027"), (request.Status, request.ErrorId));
        Assert.Equal((404, "DW1025"), (approval.Status, approval.ErrorId));
    }

    [Fact]
    public async Task DecideAsync_ManagerApprovesAWaitingRequest_ItIsFulfilled_DecidingAgainIsAConflict()
    {
        var employee = host.Client("employee");
        var manager = host.Client("manager");
        var request = await employee.RequestAsync(new AccessRequestInput("design-tool", Reason: "Icons for the website", DurationDays: 30));

        var approval = Assert.Single(await manager.GetApprovalsAsync(), a => a.RequestId == request.Id);
        var silentDenial = await Assert.ThrowsAsync<DelegationApiException>(() => manager.DecideAsync(approval.Id, new ApprovalDecisionInput(false)));
        var decided = await manager.DecideAsync(approval.Id, new ApprovalDecisionInput(true, "For the new website"));
        var again = await Assert.ThrowsAsync<DelegationApiException>(() => manager.DecideAsync(approval.Id, new ApprovalDecisionInput(true)));

        Assert.Equal("pending-approval", request.Status);
        Assert.Equal("Emma Employee", approval.RequesterName);
        Assert.Equal("emma.employee", approval.Beneficiary);
        Assert.Equal("Manager approval", approval.Step);
        Assert.Equal(12m, approval.Cost);
        Assert.Equal((400, "DW1005"), (silentDenial.Status, silentDenial.ErrorId));
        Assert.True(silentDenial.Errors.ContainsKey("/comment"));
        Assert.Equal("fulfilled", decided.Status);
        Assert.NotNull(decided.ExpiresAt);
        var step = Assert.Single(decided.Timeline);
        Assert.Equal("approved", step.Status);
        var decision = Assert.Single(step.Decisions);
        Assert.Equal(("maria.manager", "For the new website"), (decision.Approver, decision.Comment));
        Assert.Equal((409, "DW1026"), (again.Status, again.ErrorId));
        Assert.DoesNotContain(await manager.GetApprovalsAsync(), a => a.RequestId == request.Id);
        Assert.Equal("fulfilled", (await employee.GetRequestAsync(request.Id)).Status);
    }

    [Fact]
    public async Task CancelRequestAsync_WhilePending_CancelsIt_OnlyForTheRequester_AndOnlyOnce()
    {
        var intern = host.Client("intern");
        var request = await intern.RequestAsync(new AccessRequestInput("servicedesk-mailbox", Reason: "Helping out in December",
            Data: JsonSerializer.SerializeToElement(new { permission = "SendAs" })));

        var stranger = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("employee").CancelRequestAsync(request.Id));
        var cancelled = await intern.CancelRequestAsync(request.Id);
        var twice = await Assert.ThrowsAsync<DelegationApiException>(() => intern.CancelRequestAsync(request.Id));

        Assert.Equal("pending-approval", request.Status);
        var detail = Assert.Single(request.Details!);
        Assert.Equal(("/permission", "Send as the mailbox"), (detail.Field, detail.Value));
        Assert.Equal((404, "DW1027"), (stranger.Status, stranger.ErrorId));
        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal("cancelled", Assert.Single(cancelled.Timeline).Status);
        Assert.Equal((409, "DW1026"), (twice.Status, twice.ErrorId));
        Assert.Contains(await intern.GetMyRequestsAsync(), r => r.Id == request.Id && r.Status == "cancelled");
    }

    [Fact]
    public async Task SetDeputyAsync_ForTwoWeeks_IsListedByGetDeputiesAsync()
    {
        var client = host.Client("keyuser");
        var until = DateTimeOffset.UtcNow.AddDays(14);

        var deputy = await client.SetDeputyAsync(new DeputyInput("anna.agent", until));
        var deputies = await client.GetDeputiesAsync();

        Assert.Equal("anna.agent", deputy.DeputyId);
        Assert.Equal(until, deputy.Until, TimeSpan.FromSeconds(1));
        Assert.True(deputy.From <= DateTimeOffset.UtcNow && deputy.From > DateTimeOffset.UtcNow.AddMinutes(-5), deputy.From.ToString("O"));
        var listed = Assert.Single(deputies, d => d.Id == deputy.Id);
        Assert.Equal(deputy.DeputyId, listed.DeputyId);
        Assert.Equal(deputy.Until, listed.Until, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SetDeputyAsync_YourselfOrAPastPeriod_ThrowsWithFieldPointer()
    {
        var client = host.Client("keyuser");

        var self = await Assert.ThrowsAsync<DelegationApiException>(() => client.SetDeputyAsync(new DeputyInput("kees.keyuser", DateTimeOffset.UtcNow.AddDays(7))));
        var past = await Assert.ThrowsAsync<DelegationApiException>(() => client.SetDeputyAsync(new DeputyInput("anna.agent", DateTimeOffset.UtcNow.AddDays(-1))));

        Assert.Equal((400, "DW1005"), (self.Status, self.ErrorId));
        Assert.True(self.Errors.ContainsKey("/deputy"));
        Assert.Equal((400, "DW1005"), (past.Status, past.ErrorId));
        Assert.True(past.Errors.ContainsKey("/until"));
    }

    [Fact]
    public async Task GetCatalogAsync_AcceptLanguageDutch_AnswersInDutch()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("nl-NL,nl;q=0.9,en;q=0.5");
        var client = new DelegationClient(http, host.Options("employee"));

        var catalog = await client.GetCatalogAsync();
        var problem = await Assert.ThrowsAsync<DelegationApiException>(() => client.GetRequestAsync("no-such-request"));

        var crm = Assert.Single(catalog, p => p.Id == "crm-access");
        Assert.Equal(("CRM-toegang", "Applicaties", "Automatisch goedgekeurd"), (crm.Title, crm.Category, crm.Approval));
        var mailbox = Assert.Single(catalog, p => p.Id == "servicedesk-mailbox");
        Assert.Equal("Toegang", mailbox.Form!.Schema.GetProperty("properties").GetProperty("permission").GetProperty("title").GetString());
        Assert.Equal("Onbekende aanvraag.", problem.Title);
        Assert.Equal("DW1027", problem.ErrorId);
    }
}
