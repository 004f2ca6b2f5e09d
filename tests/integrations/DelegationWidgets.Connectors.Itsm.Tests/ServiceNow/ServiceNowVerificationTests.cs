namespace DelegationWidgets.Connectors.Itsm.Tests.ServiceNow;

public sealed class ServiceNowVerificationTests : IDisposable
{
    private const string IncidentQuery =
        "?sysparm_query=number%3DINC0012345"
        + "&sysparm_fields=sys_id%2Cnumber%2Cstate%2Cactive%2Cassignment_group%2Cassigned_to"
        + "&sysparm_limit=1&sysparm_display_value=false&sysparm_exclude_reference_link=true";

    private const string MembershipQuery =
        "?sysparm_query=user.user_name%3Djane.doe%5Egroup%3D" + FakeItsm.GroupSysId
        + "&sysparm_fields=group&sysparm_limit=1&sysparm_exclude_reference_link=true";

    private static readonly TicketCaller Jane = new("jane.doe", "jane.doe@contoso.example");

    private readonly FakeItsm _itsm = new();

    public void Dispose() => _itsm.Dispose();

    private List<string> Lines() => [.. _itsm.Requests().Select(FakeItsm.Line)];

    [Fact]
    public async Task VerifyAsync_OpenIncidentAssignedToCallersGroup_VerifiedWithExactRequests()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId));
        _itsm.Given("GET", FakeItsm.Memberships, 200, FakeItsm.ServiceNowMemberships(FakeItsm.GroupSysId));
        var tickets = _itsm.CreateServiceNow();

        var verification = await tickets.VerifyAsync(new TicketReference(" inc0012345 "), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        Assert.True(verification.IsVerified);
        Assert.Equal("INC0012345", verification.Number);
        Assert.Equal(FakeItsm.IncidentSysId, verification.Id);
        Assert.Equal("incident", verification.Ticket?.Table);
        Assert.Equal("servicenow", tickets.Name);
        string[] lines = ["GET " + FakeItsm.IncidentTable, "GET " + FakeItsm.Memberships];
        Assert.Equal(lines, Lines());
        var requests = _itsm.Requests();
        Assert.Equal(IncidentQuery, requests[0].RawQuery);
        Assert.Equal(MembershipQuery, requests[1].RawQuery);
        string[] decoded = ["sysparm_query=user.user_name=jane.doe^group=" + FakeItsm.GroupSysId, "sysparm_fields=group", "sysparm_limit=1", "sysparm_exclude_reference_link=true"];
        Assert.Equal(decoded, FakeItsm.Query(requests[1]));
        Assert.All(requests, request => Assert.Equal(FakeItsm.ServiceNowBasic, FakeItsm.Header(request, "Authorization")));
        Assert.All(requests, request => Assert.Equal("application/json", FakeItsm.Header(request, "Accept")));
        Assert.All(requests, request => Assert.True(string.IsNullOrEmpty(request.Body)));
    }

    [Fact]
    public async Task VerifyAsync_RequestItemPrefix_ReadsTheTableThePrefixMapsTo()
    {
        _itsm.Given("GET", "/api/now/table/sc_req_item", 200, FakeItsm.ServiceNowRecord("RITM0001234", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId));
        var tickets = _itsm.CreateServiceNow(o => o.CheckAssignment = false);

        var verification = await tickets.VerifyAsync(new TicketReference("RITM0001234"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        Assert.Equal("sc_req_item", verification.Ticket?.Table);
        var request = Assert.Single(_itsm.Requests());
        Assert.Equal("GET /api/now/table/sc_req_item", FakeItsm.Line(request));
        Assert.StartsWith("?sysparm_query=number%3DRITM0001234&", request.RawQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_NoSuchNumber_NotFound()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowNothing);
        var tickets = _itsm.CreateServiceNow();

        var verification = await tickets.VerifyAsync(new TicketReference("INC0012345"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotFound, verification.Status);
        Assert.Equal("There is no ServiceNow ticket INC0012345.", verification.Message);
        Assert.Null(verification.Ticket);
        var request = Assert.Single(_itsm.Requests());
        Assert.Equal(IncidentQuery, request.RawQuery);
    }

    [Fact]
    public async Task VerifyAsync_AnswerCarriesAnotherNumber_NotFound()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0099999", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId));
        var tickets = _itsm.CreateServiceNow();

        var verification = await tickets.VerifyAsync(new TicketReference("INC0012345"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotFound, verification.Status);
        Assert.Single(_itsm.Requests());
    }

    [Fact]
    public async Task VerifyAsync_InactiveIncident_ClosedWithoutAskingForGroups()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: false, FakeItsm.GroupSysId, state: "7"));
        var tickets = _itsm.CreateServiceNow();

        var verification = await tickets.VerifyAsync(new TicketReference("INC0012345"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Closed, verification.Status);
        Assert.Equal("INC0012345 is closed (state 7); a change needs an open ticket.", verification.Message);
        Assert.Equal(FakeItsm.IncidentSysId, verification.Id);
        string[] lines = ["GET " + FakeItsm.IncidentTable];
        Assert.Equal(lines, Lines());
    }

    [Fact]
    public async Task VerifyAsync_AssignedToAnotherGroup_NotAssignedToCaller()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, FakeItsm.OtherGroupSysId));
        _itsm.Given("GET", FakeItsm.Memberships, 200, FakeItsm.ServiceNowNothing);
        var tickets = _itsm.CreateServiceNow();

        var verification = await tickets.VerifyAsync(new TicketReference("INC0012345"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotAssignedToCaller, verification.Status);
        Assert.Equal("INC0012345 is assigned to a group you are not a member of.", verification.Message);
        var membership = _itsm.Requests()[1];
        Assert.Equal("GET " + FakeItsm.Memberships, FakeItsm.Line(membership));
        Assert.Equal("sysparm_query=user.user_name=jane.doe^group=" + FakeItsm.OtherGroupSysId, FakeItsm.Query(membership)[0]);
    }

    [Fact]
    public async Task VerifyAsync_NoAssignmentGroup_NotAssignedWithoutAskingForGroups()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, group: null));
        var tickets = _itsm.CreateServiceNow();

        var verification = await tickets.VerifyAsync(new TicketReference("INC0012345"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotAssignedToCaller, verification.Status);
        Assert.Single(_itsm.Requests());
    }

    [Fact]
    public async Task VerifyAsync_CallerGroupsFromTheHost_NoMembershipRequest()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId));
        var tickets = _itsm.CreateServiceNow();

        var mine = await tickets.VerifyAsync(new TicketReference("INC0012345"), new TicketCaller("jane.doe", groups: [FakeItsm.OtherGroupSysId, FakeItsm.GroupSysId]), CancellationToken.None);
        var theirs = await tickets.VerifyAsync(new TicketReference("INC0012345"), new TicketCaller("jane.doe", groups: [FakeItsm.OtherGroupSysId]), CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, mine.Status);
        Assert.Equal(TicketVerificationStatus.NotAssignedToCaller, theirs.Status);
        Assert.All(Lines(), line => Assert.Equal("GET " + FakeItsm.IncidentTable, line));
        Assert.Equal(2, Lines().Count);
    }

    [Fact]
    public async Task VerifyAsync_MatchByEmail_AsksForTheMembershipByEmail()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId));
        _itsm.Given("GET", FakeItsm.Memberships, 200, FakeItsm.ServiceNowMemberships(FakeItsm.GroupSysId));
        var tickets = _itsm.CreateServiceNow(o => o.CallerMatch = TicketCallerMatch.Email);

        var verification = await tickets.VerifyAsync(new TicketReference("INC0012345"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        Assert.Equal("sysparm_query=user.email=jane.doe@contoso.example^group=" + FakeItsm.GroupSysId, FakeItsm.Query(_itsm.Requests()[1])[0]);
    }

    [Fact]
    public async Task VerifyAsync_CheckAssignmentOff_OpenIsEnoughAndOneRequest()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, FakeItsm.OtherGroupSysId));
        var tickets = _itsm.CreateServiceNow(o => o.CheckAssignment = false);

        var verification = await tickets.VerifyAsync(new TicketReference("INC0012345"), new TicketCaller(null), CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        Assert.Equal("INC0012345 is open.", verification.Message);
        Assert.Single(_itsm.Requests());
    }

    [Theory]
    [InlineData("INC1^ORactive=true")]
    [InlineData("INC0012345^NQactive=true")]
    [InlineData("INC0012345^ORnumberLIKE1")]
    [InlineData("../x")]
    [InlineData("I 1; drop")]
    [InlineData("javascript:gs.getUserID()")]
    [InlineData("INC0012345 OR 1=1")]
    [InlineData("INC0012345/../../sys_user")]
    [InlineData("INC%300012345")]
    [InlineData("INC0012\n345")]
    [InlineData("ABC0012345")]
    [InlineData("INC12")]
    [InlineData("")]
    public async Task VerifyAsync_HostileOrForeignNumber_RefusedWithoutAnyRequest(string number)
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId));
        var tickets = _itsm.CreateServiceNow();

        var verification = await tickets.VerifyAsync(new TicketReference(number), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotFound, verification.Status);
        Assert.Null(verification.Ticket);
        Assert.Empty(_itsm.Requests());
    }

    [Theory]
    [InlineData("sys_user", null)]
    [InlineData(null, "../../sys_user/6816f79cc0a8016401c5a33be04be441")]
    [InlineData(null, "9D385017C611228701D22104CC95C371^ORactive=true")]
    public async Task VerifyAsync_TableOrIdNotMatchingTheNumber_RefusedWithoutAnyRequest(string? table, string? id)
    {
        var tickets = _itsm.CreateServiceNow();

        var verification = await tickets.VerifyAsync(new TicketReference("INC0012345", table, id), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotFound, verification.Status);
        Assert.Empty(_itsm.Requests());
    }

    [Theory]
    [InlineData("jane^ORuser_name!=x")]
    [InlineData("jane=doe")]
    [InlineData("javascript:gs.getUserID()")]
    [InlineData("jane doe")]
    [InlineData(null)]
    public async Task VerifyAsync_HostileCallerName_NotAssignedWithoutMembershipRequest(string? userName)
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId));
        _itsm.Given("GET", FakeItsm.Memberships, 200, FakeItsm.ServiceNowMemberships(FakeItsm.GroupSysId));
        var tickets = _itsm.CreateServiceNow();

        var verification = await tickets.VerifyAsync(new TicketReference("INC0012345"), new TicketCaller(userName), CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotAssignedToCaller, verification.Status);
        string[] lines = ["GET " + FakeItsm.IncidentTable];
        Assert.Equal(lines, Lines());
    }

    [Fact]
    public async Task VerifyAsync_ConfiguredPattern_NarrowsTheNumbersAccepted()
    {
        var tickets = _itsm.CreateServiceNow(o => o.NumberPattern = "^INC[0-9]{7}$");

        var verification = await tickets.VerifyAsync(new TicketReference("RITM0001234"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotFound, verification.Status);
        Assert.Empty(_itsm.Requests());
    }

    [Fact]
    public async Task VerifyAsync_ConfiguredPrefix_ReadsItsTable()
    {
        _itsm.Given("GET", "/api/now/table/sc_task", 200, FakeItsm.ServiceNowRecord("SCTASK0001234", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId));
        var tickets = _itsm.CreateServiceNow(o =>
        {
            o.Tables["SCTASK"] = "sc_task";
            o.CheckAssignment = false;
        });

        var verification = await tickets.VerifyAsync(new TicketReference("SCTASK0001234"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        Assert.Equal("GET /api/now/table/sc_task", FakeItsm.Line(Assert.Single(_itsm.Requests())));
    }

    [Fact]
    public async Task VerifyAsync_Forbidden_UnavailableNamingTheMissingRight()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 403, """{"error":{"message":"User Not Authorized","detail":"Required to provide Auth information"},"status":"failure"}""");
        var tickets = _itsm.CreateServiceNow();

        var verification = await tickets.VerifyAsync(new TicketReference("INC0012345"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Unavailable, verification.Status);
        Assert.Contains("User Not Authorized", verification.Message, StringComparison.Ordinal);
        Assert.Contains("may not read incident", verification.Message, StringComparison.Ordinal);
        Assert.Single(_itsm.Requests());
    }

    [Fact]
    public async Task VerifyAsync_CredentialsRefused_UnavailableNamingTheSettingsButNotTheSecret()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 401, """{"error":{"message":"User Not Authenticated"},"status":"failure"}""");
        var tickets = _itsm.CreateServiceNow();

        var verification = await tickets.VerifyAsync(new TicketReference("INC0012345"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Unavailable, verification.Status);
        Assert.Contains("Tickets:ServiceNow:UserName and Password", verification.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeItsm.ServiceNowPassword, verification.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_itsm.Logs.Lines, line => line.Contains(FakeItsm.ServiceNowPassword, StringComparison.Ordinal));
        Assert.DoesNotContain(_itsm.Logs.Lines, line => line.Contains(FakeItsm.ServiceNowBasic["Basic ".Length..], StringComparison.Ordinal)); // as sent: base64
        Assert.Single(_itsm.Requests());
    }
}
