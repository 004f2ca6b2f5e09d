using DelegationWidgets.Connectors.Itsm;
using DelegationWidgets.Host.Storage;

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
    private readonly HashSet<string> _matchByEmail;

    public TicketSystems(IEnumerable<ITicketSystem> systems, IConfiguration configuration)
    {
        _systems = systems.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        // Systems that check the ticket's assignment by the caller's e-mail address (Tickets:<system>:CheckAssignment, CallerMatch).
        _matchByEmail = _systems.Keys.Where(name => configuration.GetSection($"{Section}:{name}") is var settings
            && settings.GetValue("CheckAssignment", true) && settings.GetValue("CallerMatch", TicketCallerMatch.UserName) == TicketCallerMatch.Email)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
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

    /// <summary>Whether the system matches callers by e-mail address, so the caller's address must be looked up for it.</summary>
    public bool MatchesByEmail(ITicketSystem system) => _matchByEmail.Contains(system.Name);

    public ITicketSystem? Find(string? name) => name is not null && _systems.TryGetValue(name, out var system) ? system : null;

    /// <summary>Woken when a write-back was recorded, so the write-back service sends it at once.</summary>
    public OutboxSignal Outbox { get; } = new();

    public void Dispose() => Outbox.Dispose();
}
