using System.Text.Json;
using Bunit;
using DelegationWidgets.Sdk;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Testing;
using DelegationWidgets.Widgets.Components;
using DelegationWidgets.Widgets.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace DelegationWidgets.Widgets.Tests;

/// <summary>&lt;dw-form&gt; rendered by bUnit against a recording API client and page bridge.</summary>
public sealed class DwFormComponentTests : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly BunitContext _context = new();
    private readonly FakeApi _api = new();
    private readonly FakeHost _host = new();

    public DwFormComponentTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddSingleton<DelegationClient>(_api);
        _context.Services.AddSingleton<WidgetHost>(_host);
    }

    public void Dispose() => _context.Dispose();

    private IRenderedComponent<DwForm> Render(string form = "reset-password", string? target = null) =>
        _context.Render<DwForm>(p => p.Add(c => c.Form, form).Add(c => c.Target, target));

    [Fact]
    public void Render_ResetPassword_LabelsEveryFieldAndKeepsTheDefault()
    {
        var form = Render(target: "emma.employee");

        form.WaitForAssertion(() => Assert.Equal("Reset password", form.Find("h2").TextContent));
        var user = form.Find("input[role=combobox]");
        Assert.Equal(user.Id, form.Find("label.dw-label").GetAttribute("for"));
        Assert.Equal("true", user.GetAttribute("aria-required"));
        Assert.Equal("password", form.Find("input[autocomplete=new-password]").GetAttribute("type"));
        Assert.True(form.Find("input.dw-checkbox").HasAttribute("checked"));
        Assert.Contains("emma.employee", form.Find(".dw-lookup-selected").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_WithMissingRequiredValues_MarksFieldsAndSendsNothing()
    {
        var form = Render();
        form.WaitForAssertion(() => form.Find("form"));

        form.Find("button.dw-button-primary").Click();

        Assert.Equal("true", form.Find("input[role=combobox]").GetAttribute("aria-invalid"));
        Assert.Equal("true", form.Find("textarea").GetAttribute("aria-invalid"));
        Assert.Contains("2 fields need attention", form.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_api.Calls);
    }

    [Fact]
    public async Task ApplyClickedTwice_SubmitsOnce_ShowsTheSecretAndTellsThePage()
    {
        var form = Render(target: "emma.employee");
        form.WaitForAssertion(() => form.Find("form"));
        form.Find("textarea").Change("Verified caller");
        form.Find("button.dw-button-primary").Click();
        form.WaitForAssertion(() => Assert.Contains("This will change", form.Markup, StringComparison.Ordinal));

        _api.Gate = new TaskCompletionSource();
        var first = form.Find("button.dw-button-primary").ClickAsync(new());
        form.WaitForAssertion(() => Assert.Equal("Working…", form.Find("button.dw-button-primary").TextContent));
        await form.Find("button.dw-button-primary").ClickAsync(new()); // while the first is under way: ignored
        _api.Gate.SetResult();
        await first;
        form.WaitForAssertion(() => Assert.Contains("The change was made.", form.Markup, StringComparison.Ordinal));

        Assert.Equal(["dry-run", "submit"], _api.Calls.Select(c => c.Split(' ')[0]));
        Assert.Equal("Generated-Pa55word!", form.Find(".dw-secret-value").TextContent);
        Assert.Equal(("dw-submitted", (string?)"chg-1"), Assert.Single(_host.Events));
    }

    [Fact]
    public void ServerProblem_IsShownOnTheFieldItNames()
    {
        _api.DryRunProblem = new DelegationApiException(400, "DW1005", "The data is not valid.", null,
            new Dictionary<string, IReadOnlyList<string>> { ["/data/newPassword"] = ["The password does not meet the domain's complexity rules."] });
        var form = Render(target: "emma.employee");
        form.WaitForAssertion(() => form.Find("form"));
        form.Find("textarea").Change("Verified caller");

        form.Find("button.dw-button-primary").Click();

        form.WaitForAssertion(() => Assert.Contains("complexity rules", form.Find(".dw-field-password .dw-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("true", form.Find("input[autocomplete=new-password]").GetAttribute("aria-invalid"));
    }

    private sealed class FakeApi() : DelegationClient(new HttpClient(), new DelegationClientOptions { BaseAddress = new Uri("http://api.test/") })
    {
        public List<string> Calls { get; } = [];

        public DelegationApiException? DryRunProblem { get; set; }

        /// <summary>When set, a submission waits for it (to click again while one is under way).</summary>
        public TaskCompletionSource? Gate { get; set; }

        public override Task<FormDefinition> GetFormAsync(string formId, CancellationToken cancellationToken = default) =>
            Task.FromResult(JsonSerializer.Deserialize<FormDefinition>(
                File.ReadAllText(RepositoryPaths.StandardForm(formId)), Web)!);

        public override Task<LookupOptionsPage> GetLookupOptionsPageAsync(string formId, string field, string? search = null, string? cursor = null, IReadOnlyDictionary<string, string>? dependsOn = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new LookupOptionsPage([new LookupOption("emma.employee", "Emma Employee", "emma.employee@demo.example")], null));

        public override Task<DryRunResult> DryRunAsync(string formId, SubmissionRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("dry-run " + request.Data.GetRawText());
            return DryRunProblem is { } problem
                ? Task.FromException<DryRunResult>(problem)
                : Task.FromResult(new DryRunResult(formId, 1, "emma.employee", "Changed", [new AttributeDiff("emma.employee", "password", "[redacted]", "[redacted]")], null));
        }

        public override async Task<Change> SubmitAsync(string formId, SubmissionRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
        {
            Calls.Add("submit " + idempotencyKey);
            await (Gate?.Task ?? Task.CompletedTask);
            return new Change("chg-1", formId, 1, ChangeStatus.Succeeded, "emma.employee", new Actor("anna.agent", "Anna Agent", "dev", []), request.Reason, request.Ticket,
                DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "Changed", [new AttributeDiff("emma.employee", "password", "[redacted]", "[redacted]")], null,
                new GeneratedSecret("newPassword", "Generated-Pa55word!"));
        }
    }

    private sealed class FakeHost() : WidgetHost(new ThrowingRuntime())
    {
        public List<(string Name, string? ChangeId)> Events { get; } = [];

        public override ValueTask<HostContext> ContextAsync() => ValueTask.FromResult(new HostContext(null, null, null, null));

        public override ValueTask DispatchAsync(ElementReference inside, string name, WidgetEvent detail)
        {
            Events.Add((name, detail.ChangeId));
            return ValueTask.CompletedTask;
        }

        public override ValueTask FocusAsync(string id) => ValueTask.CompletedTask;
    }

    private sealed class ThrowingRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => throw new InvalidOperationException("Not in a browser: " + identifier);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => InvokeAsync<TValue>(identifier, args);
    }
}
