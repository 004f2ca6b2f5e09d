using System.Text.Json.Nodes;
using DelegationWidgets.Connectors.Graph.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DelegationWidgets.Connectors.Graph.Tests;

/// <summary>
/// WireMock.Net standing in for Microsoft Graph (under <c>/v1.0/</c>) and for the tenant's token endpoint, one per test, with
/// connectors pointed at it. It records every request, so tests assert exactly what was sent. Back-off delays are zero
/// unless a test sets them.
/// </summary>
internal sealed class FakeGraph : IDisposable
{
    public const string TokenPath = "/tenant-id/oauth2/v2.0/token";
    public const string ClientId = "11111111-2222-3333-4444-555555555555";
    public const string ClientSecret = "client-secret-value";
    public const string UserFields = "id,displayName,userPrincipalName,mail,businessPhones,department,accountEnabled,givenName,surname";

    private readonly List<ServiceProvider> _providers = [];

    public FakeGraph()
    {
        Server = WireMockServer.Start();
        GivenTokens("token-1");
    }

    public WireMockServer Server { get; }

    /// <summary>What <c>Graph:BaseUrl</c> is set to.</summary>
    public string GraphUrl => Server.Url + "/v1.0/";

    /// <summary>Every log line the connectors wrote, at every level.</summary>
    public LogCapture Logs { get; } = new();

    public IDirectoryConnector CreateConnector(Action<GraphConnectorOptions>? configure = null, TimeProvider? time = null, Func<DelegatingHandler>? handler = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddGraphConnector(options =>
        {
            options.BaseUrl = GraphUrl;
            options.TokenEndpoint = Server.Url + TokenPath;
            options.ClientId = ClientId;
            options.ClientSecret = ClientSecret;
            options.RetryDelay = TimeSpan.Zero;
            configure?.Invoke(options);
        });
        if (handler is not null)
        {
            services.AddHttpClient(GraphClient.HttpClientName).AddHttpMessageHandler(handler);
        }

        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IDirectoryConnector>();
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        Server.Stop();
    }

    /// <summary>The token endpoint hands out these tokens in turn (the last one from then on), each valid for an hour.</summary>
    public void GivenTokens(params string[] accessTokens) =>
        GivenSequence("POST", TokenPath, [.. accessTokens.Select(token => Answer(200, $$"""{"token_type":"Bearer","expires_in":3599,"access_token":"{{token}}"}"""))]);

    /// <summary>Graph answers <paramref name="method"/> on <c>/v1.0/</c><paramref name="graphPath"/> (any query) with the status and JSON body.</summary>
    public void Given(string method, string graphPath, int status, string? json = null) =>
        GivenSequence(method, "/v1.0/" + graphPath, Answer(status, json));

    /// <summary>Graph answers <paramref name="method"/> on <c>/v1.0/</c><paramref name="graphPath"/> with these answers in turn, the last one from then on.</summary>
    public void GivenGraphSequence(string method, string graphPath, params IResponseBuilder[] answers) =>
        GivenSequence(method, "/v1.0/" + graphPath, answers);

    /// <summary>A user and its direct memberships, as <see cref="IDirectoryConnector.FindAsync"/> reads them.</summary>
    public void GivenUser(string id, string displayName, string? department = "Sales", params string[] groupIds)
    {
        Given("GET", "users/" + id, 200, User(id, displayName, department));
        Given("GET", $"users/{id}/memberOf", 200, Page(null, [.. groupIds.Select(group => $$"""{"@odata.type":"#microsoft.graph.group","id":"{{group}}"}""")]));
    }

    public static IResponseBuilder Answer(int status, string? json = null)
    {
        var answer = Response.Create().WithStatusCode(status);
        return json is null ? answer : answer.WithHeader("Content-Type", "application/json").WithBody(json);
    }

    public static string User(string id, string displayName, string? department = "Sales", bool enabled = true) =>
        new JsonObject
        {
            ["id"] = id,
            ["displayName"] = displayName,
            ["userPrincipalName"] = id + "@contoso.example",
            ["mail"] = id + "@contoso.example",
            ["department"] = department,
            ["accountEnabled"] = enabled,
        }.ToJsonString();

    public static string Page(string? nextLink, params string[] items)
    {
        var value = new JsonArray();
        foreach (var item in items)
        {
            value.Add(JsonNode.Parse(item));
        }

        var page = new JsonObject { ["value"] = value };
        if (nextLink is not null)
        {
            page["@odata.nextLink"] = nextLink;
        }

        return page.ToJsonString();
    }

    public static string Error(string code, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString();

    /// <summary>Every request the server received, in the order it received them.</summary>
    public List<IRequestMessage> Requests() => [.. Server.LogEntries.Select(entry => entry.RequestMessage).OrderBy(request => request.DateTime)];

    public List<IRequestMessage> GraphRequests() => [.. Requests().Where(request => request.Path.StartsWith("/v1.0/", StringComparison.Ordinal))];

    public List<IRequestMessage> TokenRequests() => [.. Requests().Where(request => request.Path == TokenPath)];

    /// <summary>Waits (at most ten seconds) until the server has logged <paramref name="count"/> Graph requests: a timed-out attempt is logged when the server finishes it.</summary>
    public async Task WaitForGraphRequestsAsync(int count)
    {
        for (var waited = 0; waited < 500 && GraphRequests().Count < count; waited++)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>Method and decoded path: <c>GET /v1.0/users/u1</c>.</summary>
    public static string Line(IRequestMessage request) => request.Method + " " + request.Path;

    /// <summary>The query's parameters in the order sent, each <c>name=value</c> decoded after splitting on <c>&amp;</c>.</summary>
    public static string[] Query(IRequestMessage request) =>
        string.IsNullOrEmpty(request.RawQuery)
            ? []
            : [.. request.RawQuery.TrimStart('?').Split('&').Select(pair => Uri.UnescapeDataString(pair))];

    public static string? Header(IRequestMessage request, string name) =>
        request.Headers?.Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            .Select(header => string.Join(",", header.Value))
            .FirstOrDefault();

    /// <summary>A form body (<c>application/x-www-form-urlencoded</c>) as decoded <c>name=value</c> pairs in the order sent.</summary>
    public static string[] Form(IRequestMessage request) =>
        [.. (request.Body ?? "").Split('&').Select(pair => Uri.UnescapeDataString(pair.Replace('+', ' ')))];

    /// <summary>JSON in one canonical spelling (same escaping, no white space), so bodies compare exactly, property order included.</summary>
    public static string JsonOf(string? json) => JsonNode.Parse(json ?? "null")?.ToJsonString() ?? "null";

    private void GivenSequence(string method, string path, params IResponseBuilder[] answers)
    {
        if (answers.Length == 1)
        {
            Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(answers[0]);
            return;
        }

        var scenario = method + " " + path;
        for (var i = 0; i < answers.Length; i++)
        {
            var mapping = Server.Given(Request.Create().WithPath(path).UsingMethod(method)).InScenario(scenario);
            if (i > 0)
            {
                mapping = mapping.WhenStateIs($"answer {i}");
            }

            if (i < answers.Length - 1)
            {
                mapping = mapping.WillSetStateTo($"answer {i + 1}");
            }

            mapping.RespondWith(answers[i]);
        }
    }
}
