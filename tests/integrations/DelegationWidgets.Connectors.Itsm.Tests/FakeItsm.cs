using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using DelegationWidgets.Connectors.Itsm.ServiceNow;
using DelegationWidgets.Connectors.Itsm.Topdesk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DelegationWidgets.Connectors.Itsm.Tests;

/// <summary>
/// WireMock.Net standing in for a ServiceNow instance (<c>/api/now/…</c>, <c>/oauth_token.do</c>) and a TOPdesk instance
/// (<c>/tas/api/…</c>), one per test, with ticket systems pointed at it. It records every request, so tests assert exactly
/// what was sent. Back-off delays are zero unless a test sets them.
/// </summary>
internal sealed class FakeItsm : IDisposable
{
    public const string ServiceNowUser = "dw-integration";
    public const string ServiceNowPassword = "sn-password-value";
    public const string ServiceNowClientId = "sn-client-id";
    public const string ServiceNowClientSecret = "sn-client-secret-value";
    public const string TopdeskLogin = "dw-api";
    public const string TopdeskPassword = "td-application-password";

    public const string IncidentSysId = "9d385017c611228701d22104cc95c371";
    public const string GroupSysId = "287ebd7da9fe198100f92cc8d1d2154e";
    public const string OtherGroupSysId = "8a5055c9c61122780043563ef53438e3";

    public const string IncidentId = "f197bb75-8822-45e9-82ce-02983504020b";
    public const string OperatorGroupId = "b79741a2-12ac-5b82-82ba-0e0d12a5d750";
    public const string OtherOperatorGroupId = "c3635de2-4da8-49fe-b6f8-cd4fba168349";
    public const string OperatorId = "274c610d-5e86-4db6-82aa-0384a69471f7";

    public const string IncidentTable = "/api/now/table/incident";
    public const string Memberships = "/api/now/table/sys_user_grmember";
    public const string TokenPath = "/oauth_token.do";
    public const string TopdeskNumberPath = "/tas/api/incidents/number/I 2611 123";
    public const string TopdeskOperators = "/tas/api/operators";
    public const string TopdeskOperatorGroups = "/tas/api/operators/id/" + OperatorId + "/operatorgroups";
    public const string TopdeskIncidentPath = "/tas/api/incidents/id/" + IncidentId;

    private readonly List<ServiceProvider> _providers = [];

    public FakeItsm()
    {
        Server = WireMockServer.Start();
    }

    public WireMockServer Server { get; }

    /// <summary>Every log line the ticket systems wrote, at every level.</summary>
    public LogCapture Logs { get; } = new();

    public static string ServiceNowBasic => Basic(ServiceNowUser, ServiceNowPassword);

    public static string TopdeskBasic => Basic(TopdeskLogin, TopdeskPassword);

    public ITicketSystem CreateServiceNow(Action<ServiceNowTicketOptions>? configure = null, TimeProvider? time = null, Func<DelegatingHandler>? handler = null)
    {
        var services = Services(time);
        services.AddServiceNowTickets(options =>
        {
            options.BaseUrl = Server.Url + "/";
            options.UserName = ServiceNowUser;
            options.Password = ServiceNowPassword;
            options.RetryDelay = TimeSpan.Zero;
            configure?.Invoke(options);
        });
        if (handler is not null)
        {
            services.AddHttpClient(ServiceNowClient.HttpClientName).AddHttpMessageHandler(handler);
        }

        return Build(services);
    }

    public ITicketSystem CreateTopdesk(Action<TopdeskTicketOptions>? configure = null, TimeProvider? time = null, Func<DelegatingHandler>? handler = null)
    {
        var services = Services(time);
        services.AddTopdeskTickets(options =>
        {
            options.BaseUrl = Server.Url!;
            options.LoginName = TopdeskLogin;
            options.ApplicationPassword = TopdeskPassword;
            options.RetryDelay = TimeSpan.Zero;
            configure?.Invoke(options);
        });
        if (handler is not null)
        {
            services.AddHttpClient(TopdeskTicketSystem.HttpClientName).AddHttpMessageHandler(handler);
        }

        return Build(services);
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        Server.Stop();
    }

    /// <summary>The system answers <paramref name="method"/> on <paramref name="path"/> (any query) with the status and JSON body.</summary>
    public void Given(string method, string path, int status, string? json = null) => GivenSequence(method, path, Answer(status, json));

    /// <summary>The system answers <paramref name="method"/> on <paramref name="path"/> with these answers in turn, the last one from then on.</summary>
    public void GivenSequence(string method, string path, params IResponseBuilder[] answers)
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

    /// <summary>The system answers after <paramref name="delay"/> the first time (an attempt that outlasts the timeout), at once afterwards.</summary>
    public void GivenSlowOnce(string method, string path, TimeSpan delay, int status, string json)
    {
        var calls = new StrongBox<int>();
        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(Response.Create()
            .WithStatusCode(status)
            .WithHeader("Content-Type", "application/json")
            .WithBody(async _ =>
            {
                if (Interlocked.Increment(ref calls.Value) == 1)
                {
                    await Task.Delay(delay);
                }

                return json;
            }));
    }

    public static IResponseBuilder Answer(int status, string? json = null)
    {
        var answer = Response.Create().WithStatusCode(status);
        return json is null ? answer : answer.WithHeader("Content-Type", "application/json").WithBody(json);
    }

    /// <summary>A Table API answer with one task record.</summary>
    public static string ServiceNowRecord(string number, string sysId, bool active, string? group, string state = "2") =>
        new JsonObject
        {
            ["result"] = new JsonArray(new JsonObject
            {
                ["sys_id"] = sysId,
                ["number"] = number,
                ["state"] = state,
                ["active"] = active ? "true" : "false",
                ["assignment_group"] = group ?? "",
                ["assigned_to"] = "",
            }),
        }.ToJsonString();

    /// <summary>A Table API answer with no rows.</summary>
    public static string ServiceNowNothing => """{"result":[]}""";

    /// <summary>A <c>sys_user_grmember</c> answer with one row per group.</summary>
    public static string ServiceNowMemberships(params string[] groups)
    {
        var rows = new JsonArray();
        foreach (var group in groups)
        {
            rows.Add(new JsonObject { ["group"] = group });
        }

        return new JsonObject { ["result"] = rows }.ToJsonString();
    }

    /// <summary>A TOPdesk incident as <c>GET /tas/api/incidents/number/{number}</c> returns it (the fields the connector reads, and some it does not).</summary>
    public static string TopdeskIncident(
        string number = "I 2611 123",
        bool closed = false,
        bool completed = false,
        string status = "secondLine",
        string? operatorGroup = OperatorGroupId,
        string processingStatus = "In progress") =>
        new JsonObject
        {
            ["id"] = IncidentId,
            ["status"] = status,
            ["number"] = number,
            ["briefDescription"] = "Printer on fire",
            ["operatorGroup"] = operatorGroup is null ? null : new JsonObject { ["id"] = operatorGroup, ["name"] = "Service desk" },
            ["processingStatus"] = new JsonObject { ["id"] = "325ded26-849e-4c9f-94c3-0114ebf7e891", ["name"] = processingStatus },
            ["completed"] = completed,
            ["closed"] = closed,
            ["closedDate"] = null,
        }.ToJsonString();

    /// <summary>TOPdesk's list of operators with these ids.</summary>
    public static string TopdeskOperatorList(params string[] ids)
    {
        var operators = new JsonArray();
        foreach (var id in ids)
        {
            operators.Add(new JsonObject { ["id"] = id, ["loginName"] = "jane.doe", ["dynamicName"] = "Jane Doe" });
        }

        return operators.ToJsonString();
    }

    /// <summary>TOPdesk's list of an operator's groups.</summary>
    public static string TopdeskGroupList(params string[] ids)
    {
        var groups = new JsonArray();
        foreach (var id in ids)
        {
            groups.Add(new JsonObject { ["id"] = id, ["groupName"] = "Group " + id[..4] });
        }

        return groups.ToJsonString();
    }

    /// <summary>Every request the server received, in the order it received them.</summary>
    public List<IRequestMessage> Requests() => [.. Server.LogEntries.Select(entry => entry.RequestMessage).OrderBy(request => request.DateTime)];

    /// <summary>Waits (at most ten seconds) until the server has logged <paramref name="count"/> requests: a timed-out attempt is logged when the server finishes it.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        for (var waited = 0; waited < 500 && Requests().Count < count; waited++)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>Method and decoded path: <c>GET /api/now/table/incident</c>.</summary>
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

    public static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    private ServiceCollection Services(TimeProvider? time)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(time ?? TimeProvider.System);
        return services;
    }

    private ITicketSystem Build(ServiceCollection services)
    {
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ITicketSystem>();
    }
}
