using System.Runtime.CompilerServices;

namespace DelegationWidgets.Connectors.Itsm.Tests;

/// <summary>
/// Failures WireMock.Net cannot produce: its faults answer with a well-formed HTTP response, so a connection that is reset
/// after the request reached the server is a handler on the system's named client that throws what the socket layer would.
/// </summary>
internal static class Faults
{
    /// <summary>Lets the first request to <paramref name="path"/> (decoded) reach the server, then loses its answer as a reset connection would.</summary>
    public static Func<DelegatingHandler> ResetOnce(string path)
    {
        var resets = new StrongBox<int>();
        return () => new ConnectionResetOnce(path, resets);
    }

    private sealed class ConnectionResetOnce(string path, StrongBox<int> resets) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (Uri.UnescapeDataString(request.RequestUri?.AbsolutePath ?? "") == path && Interlocked.Increment(ref resets.Value) == 1)
            {
                response.Dispose();
                throw new HttpRequestException("An error occurred while sending the request.", new IOException("Connection reset by peer"));
            }

            return response;
        }
    }
}
