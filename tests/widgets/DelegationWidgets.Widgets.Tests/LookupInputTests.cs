using Bunit;
using DelegationWidgets.Sdk;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Widgets.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace DelegationWidgets.Widgets.Tests;

/// <summary>The lookup combobox against an API whose answers arrive when the test says.</summary>
public sealed class LookupInputTests : IDisposable
{
    private readonly BunitContext _context = new();
    private readonly SlowApi _api = new();

    public LookupInputTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddSingleton<DelegationClient>(_api);
    }

    public void Dispose() => _context.Dispose();

    [Fact]
    public void NewerListArrivingBetweenArrowDownAndEnter_KeepsTheActiveOption_SoEnterStillChoosesIt()
    {
        LookupOption? chosen = null;
        var lookup = _context.Render<LookupInput>(p => p
            .Add(c => c.FormId, "add-group-member").Add(c => c.Field, "user").Add(c => c.Id, "user").Add(c => c.Label, "User")
            .Add(c => c.OnSelected, (LookupOption? o) => chosen = o));
        lookup.Find("input").Focus();
        _api.Answer(Emma, Eric);
        lookup.WaitForAssertion(() => Assert.Equal(2, lookup.FindAll("li[role=option]").Count));
        lookup.Find("input").Input("e");
        lookup.Find("input").KeyDown("ArrowDown");
        Assert.Equal("user-option-0", lookup.Find("input").GetAttribute("aria-activedescendant"));

        // The search for "e" answers late, with the options in another order.
        Assert.True(SpinWait.SpinUntil(() => _api.Pending == 2, TimeSpan.FromSeconds(5)), "the search was not sent"); // no render to wait for
        _api.Answer(Eric, Emma);
        lookup.WaitForAssertion(() => Assert.Contains("Eric Employee", lookup.FindAll("li[role=option]")[0].TextContent, StringComparison.Ordinal));
        lookup.Find("input").KeyDown("Enter");

        Assert.Equal("emma.employee", chosen?.Id);
    }

    [Fact]
    public void NewerListWithoutTheActiveOption_ChoosesNothingOnEnter()
    {
        LookupOption? chosen = null;
        var lookup = _context.Render<LookupInput>(p => p
            .Add(c => c.FormId, "add-group-member").Add(c => c.Field, "user").Add(c => c.Id, "user").Add(c => c.Label, "User")
            .Add(c => c.OnSelected, (LookupOption? o) => chosen = o));
        lookup.Find("input").Focus();
        _api.Answer(Emma, Eric);
        lookup.WaitForAssertion(() => Assert.Equal(2, lookup.FindAll("li[role=option]").Count));
        lookup.Find("input").Input("er");
        lookup.Find("input").KeyDown("ArrowDown");
        Assert.True(SpinWait.SpinUntil(() => _api.Pending == 2, TimeSpan.FromSeconds(5)), "the search was not sent"); // no render to wait for
        _api.Answer(Eric);
        lookup.WaitForAssertion(() => Assert.Single(lookup.FindAll("li[role=option]")));
        lookup.Find("input").KeyDown("Enter");

        Assert.Null(chosen);
        Assert.Null(lookup.Find("input").GetAttribute("aria-activedescendant"));
    }

    private static readonly LookupOption Emma = new("emma.employee", "Emma Employee", null);
    private static readonly LookupOption Eric = new("eric.employee", "Eric Employee", null);

    /// <summary>Each lookup call waits until <see cref="Answer"/> gives it its options, in the order the calls were made.</summary>
    private sealed class SlowApi() : DelegationClient(new HttpClient(), new DelegationClientOptions { BaseAddress = new Uri("http://api.test/") })
    {
        private readonly List<TaskCompletionSource<LookupOptionsPage>> _calls = [];
        private int _answered;

        /// <summary>How many calls were made so far.</summary>
        public int Pending
        {
            get
            {
                lock (_calls)
                {
                    return _calls.Count;
                }
            }
        }

        public void Answer(params LookupOption[] options)
        {
            TaskCompletionSource<LookupOptionsPage> call;
            lock (_calls)
            {
                call = _calls[_answered++];
            }

            call.SetResult(new LookupOptionsPage(options, null));
        }

        public override Task<LookupOptionsPage> GetLookupOptionsPageAsync(
            string formId, string field, string? search = null, string? cursor = null, IReadOnlyDictionary<string, string>? dependsOn = null, CancellationToken cancellationToken = default)
        {
            var call = new TaskCompletionSource<LookupOptionsPage>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_calls)
            {
                _calls.Add(call);
            }

            return call.Task;
        }
    }
}
