namespace DelegationWidgets.Host.Changes;

/// <summary>
/// How changes are claimed by a host instance (settings under <c>Changes</c>). The instance that records a change holds
/// a lease on it in the database and renews it while the connector runs; when an instance dies, its lease runs out and
/// the next recovery pass of any instance claims the change and finishes it.
/// </summary>
public sealed class ChangesOptions
{
    public const string Section = "Changes";

    /// <summary>How long a claim lasts without renewal (default 2 minutes). A running change renews it every third of this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each instance looks for changes whose lease ran out (default 30 seconds).</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This instance's name in leases; host name and process id by default.</summary>
    public string InstanceName { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Start-up check: the messages for settings that cannot work.</summary>
    public IEnumerable<string> Problems()
    {
        if (LeaseDuration < TimeSpan.FromSeconds(1))
        {
            yield return $"{Section}:LeaseDuration must be at least 1 second (it is {LeaseDuration}).";
        }

        if (RecoveryInterval < TimeSpan.FromMilliseconds(100))
        {
            yield return $"{Section}:RecoveryInterval must be at least 100 milliseconds (it is {RecoveryInterval}).";
        }

        if (string.IsNullOrWhiteSpace(InstanceName))
        {
            yield return $"{Section}:InstanceName must not be empty.";
        }
    }
}
