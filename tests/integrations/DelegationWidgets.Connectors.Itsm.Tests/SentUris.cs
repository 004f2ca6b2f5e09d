using System.Collections.Concurrent;

namespace DelegationWidgets.Connectors.Itsm.Tests;

/// <summary>
/// The request URIs exactly as the HTTP client sent them (escaped path and query), recorded by a handler on the system's
/// named client: WireMock.Net shows the path decoded, so this is where a test sees <c>I%202611%20123</c>.
/// </summary>
internal sealed class SentUris
{
    private readonly ConcurrentQueue<string> _sent = new();

    /// <summary>Each request's escaped path and query, in the order sent.</summary>
    public IReadOnlyCollection<string> PathsAndQueries => _sent;

    public Func<DelegatingHandler> Handler() => () => new Recorder(_sent);

    private sealed class Recorder(ConcurrentQueue<string> sent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Enqueue(request.RequestUri?.PathAndQuery ?? "");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
