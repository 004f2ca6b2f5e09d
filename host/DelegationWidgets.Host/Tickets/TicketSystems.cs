using DelegationWidgets.Connectors.Itsm;

namespace DelegationWidgets.Host.Tickets;

/// <summary>
/// The ITSM systems this deployment is connected to (settings <c>Tickets:ServiceNow</c>, <c>Tickets:Topdesk</c>; both
/// optional), and which of them verifies a ticket reference typed into a form (<c>Tickets:VerifyWith</c>; when only one
/// is configured, that one).
/// </summary>
internal sealed class TicketSystems : IDisposable
{
    public const string Section = "Tickets";
    private readonly Dictionary<string, ITicketSystem> _systems;
    private readonly SemaphoreSlim _wake = new(0);

    public TicketSystems(IEnumerable<ITicketSystem> systems, IConfiguration configuration)
    {
        _systems = systems.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        var verifyWith = configuration[$"{Section}:VerifyWith"];
        if (!string.IsNullOrEmpty(verifyWith))
        {
            ForPlainTickets = Find(verifyWith)
                ?? throw new InvalidOperationException($"{Section}:VerifyWith: '{verifyWith}' is not a configured ticket system (configured: {string.Join(", ", _systems.Keys)}).");
        }
        else if (_systems.Count > 1)
        {
            throw new InvalidOperationException($"{Section}:VerifyWith must say which ticket system verifies typed ticket references: {string.Join(" or ", _systems.Keys)}.");
        }
        else
        {
            ForPlainTickets = _systems.Values.SingleOrDefault();
        }
    }

    /// <summary>The system that verifies ticket references typed into forms, or null when no system is configured.</summary>
    public ITicketSystem? ForPlainTickets { get; }

    public ITicketSystem? Find(string? name) => name is not null && _systems.TryGetValue(name, out var system) ? system : null;

    public void Dispose() => _wake.Dispose();

    /// <summary>Tells the write-back service that there is something to send.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Waits until <see cref="Wake"/> is called or the interval passes.</summary>
    public Task<bool> WaitAsync(TimeSpan interval, CancellationToken cancellationToken) => _wake.WaitAsync(interval, cancellationToken);
}
