namespace DelegationWidgets.Packages.Tests;

public sealed class ReadmeTests
{
    public static TheoryData<string> Packages => new() { "DelegationWidgets.ServiceNow", "DelegationWidgets.SharePoint", "DelegationWidgets.Intranet" };

    [Theory]
    [MemberData(nameof(Packages))]
    public void Readme_OfEveryPackage_HasInstallConfigureAndTestSections(string package)
    {
        var readme = PackagePaths.Read(Path.Combine(Path.GetDirectoryName(PackagePaths.ServiceNow)!, package), "README.md");
        var headings = readme.Split('\n').Where(line => line.StartsWith("## ", StringComparison.Ordinal)).Select(line => line[3..].Trim()).ToList();

        Assert.Contains(headings, h => h.StartsWith("Install", StringComparison.Ordinal));
        Assert.Contains(headings, h => h.StartsWith("Configure", StringComparison.Ordinal));
        Assert.Contains(headings, h => h.StartsWith("Test", StringComparison.Ordinal));
    }
}
