using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DelegationWidgets.Testing;

/// <summary>
/// The real host, started as its own process on a random loopback port in a fresh working folder (so a fresh
/// SQLite database and signing key), with development tokens on. Can be stopped, killed and started again on the
/// same folder. Its output is kept for assertions (e.g. that a secret never reaches the log).
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public HostProcess(IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        WorkingDirectory = workingDirectory ?? Directory.CreateTempSubdirectory("dw-host-").FullName;
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DevelopmentIssuer__Enabled"] = "true",
            ["Logging__LogLevel__Default"] = "Information",
            ["Widgets__DemoPages"] = "", // Development turns them on at a fixed port; tests that want them set a free one
            // One test persona makes hundreds of requests a second; the limit has tests of its own with their own settings.
            ["RateLimiting__PermitsPerSecond"] = "10000",
            ["RateLimiting__Burst"] = "10000",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }
    }

    /// <summary>The folder the host runs in; its database is <c>data/delegation.db</c> below it.</summary>
    public string WorkingDirectory { get; }

    public string DatabasePath => Path.Combine(WorkingDirectory, "data", "delegation.db");

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Everything the host wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>The CPU time the host process has used so far (user and system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            if (_process is not { HasExited: false } p)
            {
                return TimeSpan.Zero;
            }

            p.Refresh();
            return p.TotalProcessorTime;
        }
    }

    /// <summary>The host process's resident memory now (bytes), or 0 when it is not running.</summary>
    public long WorkingSetBytes
    {
        get
        {
            if (_process is not { HasExited: false } p)
            {
                return 0;
            }

            p.Refresh();
            return p.WorkingSet64;
        }
    }

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>Starts the host and waits until it listens (or fails with its output).</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepositoryPaths.HostAssembly);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(e.Data);
            }

            var match = ListeningLine().Match(e.Data);
            if (match.Success)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
            }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Exited += (_, _) =>
        {
            // The parameterless wait returns once the output handlers have read everything the process wrote.
            process.WaitForExit();
            listening.TrySetException(new InvalidOperationException("The host exited before it listened:\n" + Output));
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        BaseAddress = await listening.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>Waits for the host to exit by itself (e.g. when its configuration is refused) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(_process);
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the host at once (like <c>kill -9</c>): no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    /// <summary>A client for the host with a development token of the persona (or no token).</summary>
    public async Task<HttpClient> ClientAsync(string? persona = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (persona is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(persona));
        }

        return client;
    }

    /// <summary>A development token for the persona.</summary>
    public async Task<string> TokenAsync(string persona)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        using var response = await client.PostAsJsonAsync("dev/token", new { persona });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the temp folder is cleaned by the OS later.
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
