using DelegationWidgets.Connectors;
using DelegationWidgets.Connectors.Itsm;
using DelegationWidgets.Host.Forms;
using DelegationWidgets.Host.Identity;
using DelegationWidgets.Host.Lookups;

namespace DelegationWidgets.Host.Tickets;

/// <summary>The ticket a change is recorded with.</summary>
internal sealed record ChangeTicket(string Number, bool Verified, string? System, string? Table, string? Id);

/// <summary>Why a ticket reference was refused: the field's message, and whether asking again later may help (503).</summary>
internal sealed record TicketRefusal(string Message, bool Unavailable);

/// <summary>
/// Settles the ticket of a submission before its change is recorded. A ticket signed into the caller's token (ServiceNow)
/// is verified by the signature; a typed one different from it is refused. A typed ticket is verified with the ITSM system:
/// one that is not found, closed or not assigned to the caller's group is refused; when the system cannot be asked the
/// ticket is kept unverified, unless the form requires a verified ticket. Without a configured system typed tickets stay
/// unverified, and forms that require a verified ticket accept only signed ones.
/// <para>The ITSM system knows the caller by user name (the token's subject) or by e-mail address (<c>CallerMatch</c>);
/// the address is the one the directory holds for the caller, so callers whose subject is no ITSM user name (Entra object
/// ids) are matched by it.</para>
/// </summary>
internal sealed class TicketCheck(TicketSystems systems, ConnectorRegistry connectors)
{
    public async Task<(ChangeTicket? Ticket, TicketRefusal? Refusal)> SettleAsync(Caller caller, LoadedForm form, string? typed, CancellationToken cancellationToken)
    {
        var mustBeVerified = form.Definition.Requires?.VerifiedTicket == true;
        if (caller.Ticket is { } signed)
        {
            if (!string.IsNullOrEmpty(typed) && !string.Equals(typed, signed.Number, StringComparison.OrdinalIgnoreCase))
            {
                return (null, new TicketRefusal($"This session was opened for ticket {signed.Number}; '{typed}' is another ticket.", false));
            }

            return (new ChangeTicket(signed.Number, true, "servicenow", signed.Table, signed.SysId), null);
        }

        if (string.IsNullOrEmpty(typed))
        {
            return (null, mustBeVerified ? new TicketRefusal("This form needs the ticket the change is made for.", false) : null);
        }

        if (systems.ForPlainTickets is not { } system)
        {
            return mustBeVerified
                ? (null, new TicketRefusal("This form needs a verified ticket, and no ticket system is connected to check one: open the form from the ticket.", false))
                : (new ChangeTicket(typed, false, null, null, null), null);
        }

        var verification = await system.VerifyAsync(new TicketReference(typed), new TicketCaller(caller.Subject, systems.MatchesByEmail(system) ? await MailOfAsync(caller, cancellationToken) : null), cancellationToken);
        return verification.Status switch
        {
            TicketVerificationStatus.Verified => (new ChangeTicket(verification.Number ?? typed, true, system.Name, verification.Ticket?.Table, verification.Id), null),
            TicketVerificationStatus.Unavailable when !mustBeVerified => (new ChangeTicket(typed, false, null, null, null), null),
            TicketVerificationStatus.Unavailable => (null, new TicketRefusal(verification.Message, true)),
            _ => (null, new TicketRefusal(verification.Message, false)),
        };
    }

    /// <summary>The caller's e-mail address as the directory has it; null when it has none or cannot be asked (the match then fails closed).</summary>
    private async Task<string?> MailOfAsync(Caller caller, CancellationToken cancellationToken)
    {
        try
        {
            var me = await connectors.Get("directory").FindAsync(DirectoryObjectKind.User, caller.DirectoryId, cancellationToken);
            return me?.Attributes.GetValueOrDefault(DirectoryAttributes.Mail) is { Length: > 0 } mail ? mail : null;
        }
        catch (ConnectorUnavailableException)
        {
            return null;
        }
    }
}
