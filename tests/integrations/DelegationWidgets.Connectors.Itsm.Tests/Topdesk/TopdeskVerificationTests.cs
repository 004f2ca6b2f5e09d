namespace DelegationWidgets.Connectors.Itsm.Tests.Topdesk;

public sealed class TopdeskVerificationTests : IDisposable
{
    private const string OperatorQuery = "?query=loginName%3D%3Djane.doe&page_size=2";

    private static readonly TicketCaller Jane = new("jane.doe", "jane.doe@contoso.example");

    private readonly FakeItsm _itsm = new();

    public void Dispose() => _itsm.Dispose();

    private List<string> Lines() => [.. _itsm.Requests().Select(FakeItsm.Line)];

    private void GivenJaneInGroups(params string[] groups)
    {
        _itsm.Given("GET", FakeItsm.TopdeskOperators, 200, FakeItsm.TopdeskOperatorList(FakeItsm.OperatorId));
        _itsm.Given("GET", FakeItsm.TopdeskOperatorGroups, 200, FakeItsm.TopdeskGroupList(groups));
    }

    [Fact]
    public async Task VerifyAsync_OpenIncidentAssignedToCallersOperatorGroup_VerifiedWithExactRequests()
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 200, FakeItsm.TopdeskIncident());
        GivenJaneInGroups(FakeItsm.OtherOperatorGroupId, FakeItsm.OperatorGroupId);
        var sent = new SentUris();
        var tickets = _itsm.CreateTopdesk(handler: sent.Handler());

        var verification = await tickets.VerifyAsync(new TicketReference("I2611-123"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        Assert.Equal("I 2611 123 is open and assigned to your operator group.", verification.Message);
        Assert.Equal("I 2611 123", verification.Number);
        Assert.Equal(FakeItsm.IncidentId, verification.Id);
        Assert.Null(verification.Ticket?.Table);
        Assert.Equal("topdesk", tickets.Name);
        string[] lines = ["GET " + FakeItsm.TopdeskNumberPath, "GET " + FakeItsm.TopdeskOperators, "GET " + FakeItsm.TopdeskOperatorGroups];
        Assert.Equal(lines, Lines());
        string[] uris =
        [
            "/tas/api/incidents/number/I%202611%20123",
            "/tas/api/operators" + OperatorQuery,
            "/tas/api/operators/id/" + FakeItsm.OperatorId + "/operatorgroups",
        ];
        Assert.Equal(uris, sent.PathsAndQueries);
        var requests = _itsm.Requests();
        Assert.Equal(OperatorQuery, requests[1].RawQuery);
        Assert.All(requests, request => Assert.Equal(FakeItsm.TopdeskBasic, FakeItsm.Header(request, "Authorization")));
        Assert.All(requests, request => Assert.True(string.IsNullOrEmpty(request.Body)));
    }

    [Theory]
    [InlineData("I 2611 123")]
    [InlineData("I2611-123")]
    [InlineData("i2611 123")]
    [InlineData("  I   2611\t123 ")]
    [InlineData("I-2611-123")]
    [InlineData("I2611123")]
    public async Task VerifyAsync_NumberTypedAnyWay_AsksForTheSpellingTopdeskUses(string typed)
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 200, FakeItsm.TopdeskIncident());
        var tickets = _itsm.CreateTopdesk(o => o.CheckAssignment = false);

        var verification = await tickets.VerifyAsync(new TicketReference(typed), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        Assert.Equal("GET " + FakeItsm.TopdeskNumberPath, FakeItsm.Line(Assert.Single(_itsm.Requests())));
    }

    [Fact]
    public async Task VerifyAsync_InstallationWithAnotherNumbering_UsesItsPatternAndFormat()
    {
        _itsm.Given("GET", "/tas/api/incidents/number/I-250520-058", 200, FakeItsm.TopdeskIncident(number: "I-250520-058"));
        var tickets = _itsm.CreateTopdesk(o =>
        {
            o.NumberPattern = "^(?<prefix>[A-Z])[ -]?(?<period>[0-9]{6})[ -]?(?<sequence>[0-9]{3})$";
            o.NumberFormat = "{prefix}-{period}-{sequence}";
            o.CheckAssignment = false;
        });

        var verification = await tickets.VerifyAsync(new TicketReference("i 250520 058"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        Assert.Equal("I-250520-058", verification.Number);
        Assert.Single(_itsm.Requests());
    }

    [Fact]
    public async Task VerifyAsync_NoSuchIncident_NotFound()
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 404, """[{"message":"The incident could not be found."}]""");
        var tickets = _itsm.CreateTopdesk();

        var verification = await tickets.VerifyAsync(new TicketReference("I 2611 123"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotFound, verification.Status);
        Assert.Equal("There is no TOPdesk incident I 2611 123.", verification.Message);
        Assert.Single(_itsm.Requests());
    }

    [Fact]
    public async Task VerifyAsync_AnswerCarriesAnotherNumber_NotFound()
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 200, FakeItsm.TopdeskIncident(number: "I 2611 999"));
        var tickets = _itsm.CreateTopdesk();

        var verification = await tickets.VerifyAsync(new TicketReference("I 2611 123"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotFound, verification.Status);
        Assert.Single(_itsm.Requests());
    }

    [Theory]
    [InlineData(true, false, "secondLine", "In progress", "I 2611 123 is closed; a change needs an open incident.")]
    [InlineData(false, true, "secondLine", "In progress", "I 2611 123 is completed; a change needs an open incident.")]
    [InlineData(false, false, "firstLineArchived", "In progress", "I 2611 123 is archived; a change needs an open incident.")]
    [InlineData(false, false, "secondLine", "Gesloten", "I 2611 123 is in the processing status Gesloten; a change needs an open incident.")]
    public async Task VerifyAsync_ClosedCompletedArchivedOrClosingStatus_ClosedWithoutAskingForGroups(bool closed, bool completed, string status, string processingStatus, string message)
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 200, FakeItsm.TopdeskIncident(closed: closed, completed: completed, status: status, processingStatus: processingStatus));
        var tickets = _itsm.CreateTopdesk(o => o.ClosedProcessingStatuses.Add("Gesloten"));

        var verification = await tickets.VerifyAsync(new TicketReference("I 2611 123"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Closed, verification.Status);
        Assert.Equal(message, verification.Message);
        Assert.Equal(FakeItsm.IncidentId, verification.Id);
        Assert.Single(_itsm.Requests());
    }

    [Fact]
    public async Task VerifyAsync_AssignedToAnotherOperatorGroup_NotAssignedToCaller()
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 200, FakeItsm.TopdeskIncident());
        GivenJaneInGroups(FakeItsm.OtherOperatorGroupId);
        var tickets = _itsm.CreateTopdesk();

        var verification = await tickets.VerifyAsync(new TicketReference("I 2611 123"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotAssignedToCaller, verification.Status);
        Assert.Equal("I 2611 123 is assigned to an operator group you are not a member of.", verification.Message);
        Assert.Equal(3, Lines().Count);
    }

    [Fact]
    public async Task VerifyAsync_NoOperatorGroup_NotAssignedWithoutAskingForGroups()
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 200, FakeItsm.TopdeskIncident(operatorGroup: null));
        var tickets = _itsm.CreateTopdesk();

        var verification = await tickets.VerifyAsync(new TicketReference("I 2611 123"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotAssignedToCaller, verification.Status);
        Assert.Single(_itsm.Requests());
    }

    [Fact]
    public async Task VerifyAsync_NoOperatorWithTheLoginName_NotAssignedWithoutAskingForGroups()
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 200, FakeItsm.TopdeskIncident());
        _itsm.Given("GET", FakeItsm.TopdeskOperators, 204);
        var tickets = _itsm.CreateTopdesk();

        var verification = await tickets.VerifyAsync(new TicketReference("I 2611 123"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotAssignedToCaller, verification.Status);
        Assert.Contains("no operator", verification.Message, StringComparison.Ordinal);
        string[] lines = ["GET " + FakeItsm.TopdeskNumberPath, "GET " + FakeItsm.TopdeskOperators];
        Assert.Equal(lines, Lines());
    }

    [Fact]
    public async Task VerifyAsync_TwoOperatorsWithTheLoginName_NotAssignedWithoutAskingForGroups()
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 200, FakeItsm.TopdeskIncident());
        _itsm.Given("GET", FakeItsm.TopdeskOperators, 200, FakeItsm.TopdeskOperatorList(FakeItsm.OperatorId, FakeItsm.OtherOperatorGroupId));
        var tickets = _itsm.CreateTopdesk();

        var verification = await tickets.VerifyAsync(new TicketReference("I 2611 123"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotAssignedToCaller, verification.Status);
        Assert.Contains("more than one operator", verification.Message, StringComparison.Ordinal);
        Assert.Equal(2, Lines().Count);
    }

    [Fact]
    public async Task VerifyAsync_MatchByEmail_LooksTheOperatorUpByEmail()
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 200, FakeItsm.TopdeskIncident());
        GivenJaneInGroups(FakeItsm.OperatorGroupId);
        var tickets = _itsm.CreateTopdesk(o => o.CallerMatch = TicketCallerMatch.Email);

        var verification = await tickets.VerifyAsync(new TicketReference("I 2611 123"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        string[] query = ["query=email==jane.doe@contoso.example", "page_size=2"];
        Assert.Equal(query, FakeItsm.Query(_itsm.Requests()[1]));
    }

    [Fact]
    public async Task VerifyAsync_CallerGroupsFromTheHost_OneRequest()
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 200, FakeItsm.TopdeskIncident());
        var tickets = _itsm.CreateTopdesk();

        var verification = await tickets.VerifyAsync(
            new TicketReference("I 2611 123"),
            new TicketCaller("jane.doe", groups: [FakeItsm.OperatorGroupId.ToUpperInvariant()]),
            CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        Assert.Single(_itsm.Requests());
    }

    [Theory]
    [InlineData("I 1; drop")]
    [InlineData("../x")]
    [InlineData("I2611/../123")]
    [InlineData("I 2611 123?x=1")]
    [InlineData("I 2611 123#")]
    [InlineData("I%202611%20123")]
    [InlineData("I 2611 123; page_size=1000")]
    [InlineData("I 26 11 123")]
    [InlineData("")]
    public async Task VerifyAsync_HostileOrForeignNumber_RefusedWithoutAnyRequest(string number)
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 200, FakeItsm.TopdeskIncident());
        var tickets = _itsm.CreateTopdesk();

        var verification = await tickets.VerifyAsync(new TicketReference(number), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotFound, verification.Status);
        Assert.Null(verification.Ticket);
        Assert.Empty(_itsm.Requests());
    }

    [Fact]
    public async Task VerifyAsync_IdThatIsNotAUuid_RefusedWithoutAnyRequest()
    {
        var tickets = _itsm.CreateTopdesk();

        var verification = await tickets.VerifyAsync(new TicketReference("I 2611 123", Id: "../../operators"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotFound, verification.Status);
        Assert.Empty(_itsm.Requests());
    }

    [Theory]
    [InlineData("jane;loginName==*")]
    [InlineData("jane,archived==true")]
    [InlineData("*")]
    [InlineData("jane doe")]
    [InlineData("")]
    public async Task VerifyAsync_HostileCallerName_NotAssignedWithoutOperatorLookup(string userName)
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 200, FakeItsm.TopdeskIncident());
        GivenJaneInGroups(FakeItsm.OperatorGroupId);
        var tickets = _itsm.CreateTopdesk();

        var verification = await tickets.VerifyAsync(new TicketReference("I 2611 123"), new TicketCaller(userName), CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.NotAssignedToCaller, verification.Status);
        string[] lines = ["GET " + FakeItsm.TopdeskNumberPath];
        Assert.Equal(lines, Lines());
    }

    [Fact]
    public async Task VerifyAsync_LoginRefused_UnavailableNamingTheSettingsButNotThePassword()
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 401, """[{"message":"Application password is invalid."}]""");
        var tickets = _itsm.CreateTopdesk();

        var verification = await tickets.VerifyAsync(new TicketReference("I 2611 123"), Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Unavailable, verification.Status);
        Assert.Contains("Application password is invalid.", verification.Message, StringComparison.Ordinal);
        Assert.Contains("Tickets:Topdesk:LoginName and ApplicationPassword", verification.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeItsm.TopdeskPassword, verification.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_itsm.Logs.Lines, line => line.Contains(FakeItsm.TopdeskPassword, StringComparison.Ordinal));
        Assert.DoesNotContain(_itsm.Logs.Lines, line => line.Contains(FakeItsm.TopdeskBasic["Basic ".Length..], StringComparison.Ordinal)); // as sent: base64
        Assert.Single(_itsm.Requests());
    }
}
