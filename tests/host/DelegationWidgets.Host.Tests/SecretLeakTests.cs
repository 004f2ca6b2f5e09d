using System.Net;
using System.Text;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>
/// A known password, submitted through every path that can carry one (applied, refused by the directory, invalid,
/// dry run, replayed), appears nowhere afterwards: not in the database files, the host's log (at Debug), the audit trail,
/// its exports, or any response.
/// </summary>
public sealed class SecretLeakTests : IAsyncLifetime
{
    private const string Canary = "Zq7!Canary-Passw0rd-2611";
    private const string WeakCanary = "canarycanarycanary";
    private const string Reason = "reason-marker-2611"; // stored on purpose: proves the file scan finds what is there
    private readonly HostProcess _host = new(new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Debug" });

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task KnownPassword_AppearsNowhere_AfterEveryPath()
    {
        using var agent = await _host.ClientAsync("agent");
        using var admin = await _host.ClientAsync("admin");
        var user = (await new DirectoryReader(_host.DatabasePath).UsersAsync(SeedFacts.Sales, "Locked = 0"))[0];
        var responses = new List<ApiResponse>
        {
            await agent.SubmitAsync("reset-password", new { data = new { user, newPassword = Canary, mustChangeAtNextLogon = false }, reason = Reason, dryRun = true }),
            await agent.SubmitAsync("reset-password", new { data = new { user, newPassword = Canary, mustChangeAtNextLogon = false }, reason = Reason }, "canary-key"),
            await agent.SubmitAsync("reset-password", new { data = new { user, newPassword = Canary, mustChangeAtNextLogon = false }, reason = Reason }, "canary-key"),
            await agent.SubmitAsync("reset-password", new { data = new { user, newPassword = Canary, mustChangeAtNextLogon = "no" }, reason = Reason }),
            await agent.SubmitAsync("reset-password", new { data = new { user, newPassword = WeakCanary }, reason = Reason }, Guid.NewGuid().ToString()),
        };
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], responses.Select(r => r.Status));
        responses.Add(await admin.GetJsonAsync("api/v1/audit?limit=500"));
        responses.Add(await admin.GetJsonAsync("api/v1/audit/export?format=csv"));
        responses.Add(await admin.GetJsonAsync("api/v1/audit/export?format=jsonl"));
        responses.Add(await agent.GetJsonAsync($"api/v1/changes/{responses[1].ChangeId}"));

        foreach (var response in responses)
        {
            Assert.DoesNotContain(Canary, response.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(WeakCanary, response.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Canary, _host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(WeakCanary, _host.Output, StringComparison.Ordinal);
        await _host.KillAsync(); // nothing flushed on a clean shutdown can hide what is already on disk
        var files = Directory.GetFiles(Path.GetDirectoryName(_host.DatabasePath)!);
        var contents = await Task.WhenAll(files.Select(f => File.ReadAllBytesAsync(f)));
        Assert.Contains(contents, bytes => Contains(bytes, Encoding.UTF8.GetBytes(Reason)));
        foreach (var (file, bytes) in files.Zip(contents))
        {
            foreach (var secret in new[] { Canary, WeakCanary })
            {
                Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(secret)) || Contains(bytes, Encoding.Unicode.GetBytes(secret)), $"{secret} is in {Path.GetFileName(file)}");
            }
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
