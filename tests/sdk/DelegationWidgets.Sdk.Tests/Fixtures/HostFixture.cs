using System.Collections.Concurrent;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Sdk.Tests.Fixtures;

/// <summary>One real host for the whole collection, and clients for its personas (tokens fetched once each).</summary>
public sealed class HostFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new(StringComparer.Ordinal);
    private readonly HttpClient _http = new();

    public HostProcess Host { get; } = new();

    public Uri BaseAddress => Host.BaseAddress;

    public Task InitializeAsync() => Host.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>A development token of the persona (fetched through the SDK, once).</summary>
    public Task<string> TokenAsync(string persona) =>
        _tokens.GetOrAdd(persona, async p => (await Anonymous().GetDevTokenAsync(p)).AccessToken);

    /// <summary>A client without retries calling as the persona, or anonymously.</summary>
    public DelegationClient Client(string? persona = null) => new(_http, Options(persona));

    public DelegationClient Anonymous() => new(_http, new DelegationClientOptions { BaseAddress = BaseAddress });

    public DelegationClientOptions Options(string? persona) => new()
    {
        BaseAddress = BaseAddress,
        TokenProvider = persona is null ? null : async _ => await TokenAsync(persona),
    };

    /// <summary>Every option of a lookup, as the persona sees it.</summary>
    public async Task<List<LookupOption>> LookupAsync(string persona, string formId, string field, IReadOnlyDictionary<string, string>? dependsOn = null)
    {
        var options = new List<LookupOption>();
        await foreach (var option in Client(persona).GetLookupOptionsAsync(formId, field, dependsOn: dependsOn))
        {
            options.Add(option);
        }

        return options;
    }

    /// <summary>A user the agent may change (OU Sales).</summary>
    public async Task<string> SalesUserAsync(int index = 0) => (await Client("agent").GetLookupOptionsPageAsync("unlock-account", "user")).Items[index].Id;
}

[CollectionDefinition(Name)]
public sealed class RealHost : ICollectionFixture<HostFixture>
{
    public const string Name = "Real host";
}
