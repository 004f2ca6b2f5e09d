namespace DelegationWidgets.Testing;

/// <summary>Finds the repository and the build output of its projects from a test assembly's location.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds <c>DelegationWidgets.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, as the running test assembly was built.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The host's built assembly.</summary>
    public static string HostAssembly => Path.Combine(Root, "host", "DelegationWidgets.Host", "bin", Configuration, "net10.0", "DelegationWidgets.Host.dll");

    /// <summary>The folder of the standard forms the host ships.</summary>
    public static string StandardForms => Path.Combine(Root, "host", "DelegationWidgets.Host", "Forms", "Standard");

    /// <summary>The file of one standard form, e.g. <c>unlock-account</c>.</summary>
    public static string StandardForm(string id) => Path.Combine(StandardForms, id + ".json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DelegationWidgets.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DelegationWidgets.sln was not found above " + AppContext.BaseDirectory);
    }
}
