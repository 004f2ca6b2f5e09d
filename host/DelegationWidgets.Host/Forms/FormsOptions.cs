namespace DelegationWidgets.Host.Forms;

/// <summary>Where the forms as code are read from.</summary>
public sealed class FormsOptions
{
    public const string Section = "Forms";

    /// <summary>A folder of form definition files (<c>*.json</c>); relative paths are next to the host.</summary>
    public string Path { get; set; } = "Forms/Standard";
}
