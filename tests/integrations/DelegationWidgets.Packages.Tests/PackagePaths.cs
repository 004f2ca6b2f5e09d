using DelegationWidgets.Testing;

namespace DelegationWidgets.Packages.Tests;

/// <summary>The host integration packages under <c>integrations/</c>, found from the repository root.</summary>
internal static class PackagePaths
{
    public static string ServiceNow { get; } = Path.Combine(RepositoryPaths.Root, "integrations", "DelegationWidgets.ServiceNow");

    public static string SharePoint { get; } = Path.Combine(RepositoryPaths.Root, "integrations", "DelegationWidgets.SharePoint");

    public static string Intranet { get; } = Path.Combine(RepositoryPaths.Root, "integrations", "DelegationWidgets.Intranet");

    /// <summary>The text of a file of a package; fails the test, naming the file, when it is missing.</summary>
    public static string Read(string package, params string[] path)
    {
        var file = Path.Combine(path.Prepend(package).ToArray());
        Assert.True(File.Exists(file), $"{Path.GetRelativePath(RepositoryPaths.Root, file)} is missing.");
        return File.ReadAllText(file);
    }
}
