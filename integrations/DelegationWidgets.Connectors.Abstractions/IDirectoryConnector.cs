namespace DelegationWidgets.Connectors;

/// <summary>Apply the action, or only compute what it would change.</summary>
public enum ActionMode
{
    Apply,
    Preview,
}

/// <summary>
/// A target directory (the built-in demo directory, Active Directory over LDAP, …) as delegation
/// sees it: find one object, search objects within a scope, and run typed actions.
/// Implementations must be safe for concurrent use and must make every action safe to run again
/// after a crash (an action whose effect is already there returns <see cref="ActionOutcome.NoChange"/>).
/// </summary>
public interface IDirectoryConnector
{
    /// <summary>The logical target name forms refer to (e.g. <c>directory</c>).</summary>
    string Name { get; }

    /// <summary>The object with this id and kind, or null when there is none. Throws <see cref="ConnectorUnavailableException"/> when the target system cannot be reached.</summary>
    Task<DirectoryObject?> FindAsync(DirectoryObjectKind kind, string id, CancellationToken cancellationToken);

    /// <summary>One page of objects that match the query, within its scope, in a stable order. A cursor this connector did not make raises <see cref="ArgumentException"/>; an unreachable target system <see cref="ConnectorUnavailableException"/>.</summary>
    Task<LookupPage> SearchAsync(LookupQuery query, CancellationToken cancellationToken);

    /// <summary>Runs or previews an action. Expected failures come back as <see cref="ActionOutcome.Failed"/>, not exceptions.</summary>
    Task<ActionResult> ExecuteAsync(DirectoryAction action, ActionMode mode, CancellationToken cancellationToken);

    /// <summary>A new random password that satisfies the target system's password policy.</summary>
    string GeneratePassword();
}
