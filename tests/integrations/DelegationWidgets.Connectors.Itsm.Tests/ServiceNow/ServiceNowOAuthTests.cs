namespace DelegationWidgets.Connectors.Itsm.Tests.ServiceNow;

public sealed class ServiceNowOAuthTests : IDisposable
{
    private static readonly TicketCaller Jane = new("jane.doe");
    private static readonly TicketReference Incident = new("INC0012345");

    private readonly FakeItsm _itsm = new();

    public void Dispose() => _itsm.Dispose();

    private static string Token(string accessToken) => $$"""{"access_token":"{{accessToken}}","scope":"useraccount","token_type":"Bearer","expires_in":1799}""";

    private List<WireMock.IRequestMessage> TokenRequests() => [.. _itsm.Requests().Where(request => request.Path == FakeItsm.TokenPath)];

    private List<WireMock.IRequestMessage> TableRequests() => [.. _itsm.Requests().Where(request => request.Path.StartsWith("/api/now/", StringComparison.Ordinal))];

    private void GivenOpenIncident() =>
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId));

    [Fact]
    public async Task VerifyAsync_ClientCredentials_PostsTheClientOnceAndSendsTheBearerToken()
    {
        _itsm.Given("POST", FakeItsm.TokenPath, 200, Token("token-1"));
        GivenOpenIncident();
        var tickets = _itsm.CreateServiceNow(o =>
        {
            o.Authentication = ServiceNowAuthentication.ClientCredentials;
            o.UserName = "";
            o.Password = "";
            o.ClientId = FakeItsm.ServiceNowClientId;
            o.ClientSecret = FakeItsm.ServiceNowClientSecret;
            o.CheckAssignment = false;
        });

        await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);
        var verification = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        var token = Assert.Single(TokenRequests());
        Assert.Equal("POST " + FakeItsm.TokenPath, FakeItsm.Line(token));
        Assert.StartsWith("application/x-www-form-urlencoded", FakeItsm.Header(token, "Content-Type"), StringComparison.Ordinal);
        Assert.Null(FakeItsm.Header(token, "Authorization"));
        string[] form = ["grant_type=client_credentials", "client_id=" + FakeItsm.ServiceNowClientId, "client_secret=" + FakeItsm.ServiceNowClientSecret];
        Assert.Equal(form, FakeItsm.Form(token));
        var table = TableRequests();
        Assert.Equal(2, table.Count);
        Assert.All(table, request => Assert.Equal("Bearer token-1", FakeItsm.Header(request, "Authorization")));
        Assert.DoesNotContain(_itsm.Logs.Lines, line => line.Contains(FakeItsm.ServiceNowClientSecret, StringComparison.Ordinal) || line.Contains("token-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAsync_PasswordGrant_PostsTheClientAndTheIntegrationUser()
    {
        _itsm.Given("POST", FakeItsm.TokenPath, 200, Token("token-1"));
        GivenOpenIncident();
        var tickets = _itsm.CreateServiceNow(o =>
        {
            o.Authentication = ServiceNowAuthentication.Password;
            o.ClientId = FakeItsm.ServiceNowClientId;
            o.ClientSecret = FakeItsm.ServiceNowClientSecret;
            o.CheckAssignment = false;
        });

        await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);

        string[] form =
        [
            "grant_type=password",
            "client_id=" + FakeItsm.ServiceNowClientId,
            "client_secret=" + FakeItsm.ServiceNowClientSecret,
            "username=" + FakeItsm.ServiceNowUser,
            "password=" + FakeItsm.ServiceNowPassword,
        ];
        Assert.Equal(form, FakeItsm.Form(Assert.Single(TokenRequests())));
        Assert.Equal("Bearer token-1", FakeItsm.Header(Assert.Single(TableRequests()), "Authorization"));
    }

    [Fact]
    public async Task VerifyAsync_ServiceNowRefusesTheTokenOnce_AsksForANewOneAndSendsAgain()
    {
        _itsm.GivenSequence("POST", FakeItsm.TokenPath, FakeItsm.Answer(200, Token("token-1")), FakeItsm.Answer(200, Token("token-2")));
        _itsm.GivenSequence(
            "GET",
            FakeItsm.IncidentTable,
            FakeItsm.Answer(401, """{"error":{"message":"User Not Authenticated"},"status":"failure"}"""),
            FakeItsm.Answer(200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId)));
        var tickets = _itsm.CreateServiceNow(o =>
        {
            o.Authentication = ServiceNowAuthentication.ClientCredentials;
            o.ClientId = FakeItsm.ServiceNowClientId;
            o.ClientSecret = FakeItsm.ServiceNowClientSecret;
            o.CheckAssignment = false;
        });

        var verification = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        Assert.Equal(2, TokenRequests().Count);
        string[] authorizations = ["Bearer token-1", "Bearer token-2"];
        Assert.Equal(authorizations, TableRequests().Select(request => FakeItsm.Header(request, "Authorization")));
    }

    [Fact]
    public async Task VerifyAsync_SignInRefused_UnavailableNamingTheSettingsNeverTheSecret()
    {
        _itsm.Given("POST", FakeItsm.TokenPath, 401, """{"error_description":"access_denied","error":"server_error"}""");
        var tickets = _itsm.CreateServiceNow(o =>
        {
            o.Authentication = ServiceNowAuthentication.ClientCredentials;
            o.ClientId = FakeItsm.ServiceNowClientId;
            o.ClientSecret = FakeItsm.ServiceNowClientSecret;
        });

        var verification = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Unavailable, verification.Status);
        Assert.Contains("server_error: access_denied", verification.Message, StringComparison.Ordinal);
        Assert.Contains("Tickets:ServiceNow:ClientId and ClientSecret", verification.Message, StringComparison.Ordinal);
        Assert.Contains("glide.oauth.inbound.client.credential.grant_type.enabled", verification.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeItsm.ServiceNowClientSecret, verification.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_itsm.Logs.Lines, line => line.Contains(FakeItsm.ServiceNowClientSecret, StringComparison.Ordinal));
        Assert.Empty(TableRequests());
    }
}
