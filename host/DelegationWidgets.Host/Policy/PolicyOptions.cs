namespace DelegationWidgets.Host.Policy;

/// <summary>Where the delegation policy (grants) is read from.</summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>The grants file; relative paths are next to the host.</summary>
    public string GrantsFile { get; set; } = "Policy/grants.json";
}
