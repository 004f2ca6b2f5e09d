using System.Net;
using System.Net.Sockets;

namespace DelegationWidgets.Testing;

/// <summary>
/// Throw-away Samba Active Directory domain controllers for the tests and benchmarks, through the scripts in
/// <c>tests/samba</c>: each DC on a free loopback address of its own (standard ports), in a work folder of its own.
/// </summary>
public static class SambaScripts
{
    /// <summary>Provisions and starts a DC; fails with the script's output when Samba is missing or does not start.</summary>
    public static async Task StartAsync(string workFolder, string address, string adminPassword)
    {
        if (!File.Exists("/usr/sbin/samba") && !File.Exists("/usr/bin/samba"))
        {
            throw new InvalidOperationException(
                "Samba is not installed, so nothing can be tested against a real domain controller. Install the Debian packages " +
                "samba, samba-ad-dc, openssl and libldap-2.5-0 (tests/run.sh does) and run the tests as root.");
        }

        var (exitCode, output) = await RunAsync("start-dc.sh", workFolder, address, adminPassword);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"tests/samba/start-dc.sh could not provision or start the Samba domain controller (exit {exitCode}):\n{output}");
        }
    }

    /// <summary>A new, not yet existing work folder for a DC.</summary>
    public static string NewWorkFolder() => Path.Combine(Path.GetTempPath(), "dw-samba-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>A loopback address in 127.0.0.0/8 whose port 636 is free.</summary>
    public static string FreeLoopbackAddress()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var address = $"127.{Random.Shared.Next(100, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Bind(new IPEndPoint(IPAddress.Parse(address), 636));
                return address;
            }
            catch (SocketException)
            {
                // Taken (or not bindable): try another.
            }
        }

        throw new InvalidOperationException("No free loopback address with port 636 available for the Samba domain controller.");
    }

    /// <summary>Runs one of the scripts in <c>tests/samba</c> (at most 3 minutes) and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string script, params string[] arguments) =>
        TestScripts.RunAsync("samba", script, arguments);
}
