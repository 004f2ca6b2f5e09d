using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DelegationWidgets.Testing;

/// <summary>
/// A real SMTP server on a free loopback port: Postfix's <c>smtp-sink</c> (Debian package postfix), which accepts every
/// message and writes each to a file of its own, so tests read what was sent.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private SmtpSink(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts the sink on a free port, or on the given one (a port a host was told about before the relay was up).</summary>
    public static async Task<SmtpSink> StartAsync(int? onPort = null)
    {
        const string program = "/usr/sbin/smtp-sink";
        if (!File.Exists(program))
        {
            throw new InvalidOperationException("smtp-sink is not installed; install the Debian package postfix (tests/run.sh does).");
        }

        var folder = Directory.CreateTempSubdirectory("dw-smtp-").FullName;
        var port = onPort ?? FreePort();

        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-u", "root", "-d", Path.Combine(folder, "%Y%m%d%H%M%S."), $"127.0.0.1:{port}", "20" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp-sink could not be started.");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new SmtpSink(process, folder, port);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill();
        throw new InvalidOperationException("smtp-sink did not listen within 5 seconds.");
    }

    /// <summary>A loopback port nothing listens on (yet).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Every message received so far (headers and body as sent).</summary>
    public IReadOnlyList<string> Messages() =>
        [.. Directory.EnumerateFiles(_folder).Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    /// <summary>Waits (at most 20 seconds) for a message that contains every one of the texts.</summary>
    public async Task<string> WaitForAsync(params string[] texts)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (Messages().FirstOrDefault(m => texts.All(t => m.Contains(t, StringComparison.Ordinal))) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"No mail with {string.Join(", ", texts)} arrived; received:\n{string.Join("\n---\n", Messages())}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
