using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DelegationWidgets.Testing;

/// <summary>
/// nginx (the Debian package) as the load balancer in front of several host instances, round robin, nothing sticky, on a
/// free loopback port, with a configuration and logs in a folder of its own (one process, no workers: it runs as the test's
/// user and writes only there). Each response carries the instance that
/// answered in <c>X-Upstream</c>.
/// </summary>
public sealed class NginxBalancer : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/nginx", "/usr/bin/nginx"];
    private readonly Process _process;
    private readonly string _folder;

    private NginxBalancer(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<NginxBalancer> StartAsync(IEnumerable<Uri> upstreams)
    {
        var nginx = Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed; install the Debian package nginx (tests/run.sh does).");
        var folder = Directory.CreateTempSubdirectory("dw-nginx-").FullName;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var servers = string.Join("\n", upstreams.Select(u => $"    server {u.Host}:{u.Port} max_fails=0;"));
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log {{folder}}/access.log;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              upstream hosts {
            {{servers}}
                keepalive 32;
              }
              server {
                listen 127.0.0.1:{{port}};
                client_max_body_size 2m;
                location / {
                  proxy_pass http://hosts;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $remote_addr;
                  proxy_read_timeout 120s;
                  proxy_next_upstream off;
                  add_header X-Upstream $upstream_addr always;
                }
              }
            }
            """);
        var start = new ProcessStartInfo(nginx) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add(folder);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Path.Combine(folder, "nginx.conf"));
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx could not be started.");
        var address = new Uri($"http://127.0.0.1:{port}/");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()} {ReadLog(folder)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new NginxBalancer(process, folder, address);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("nginx did not listen within 5 seconds. " + ReadLog(folder));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private static string ReadLog(string folder) =>
        File.Exists(Path.Combine(folder, "error.log")) ? File.ReadAllText(Path.Combine(folder, "error.log")) : "";
}
