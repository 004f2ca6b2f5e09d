namespace DelegationWidgets.Host;

/// <summary>
/// Where relative paths in configuration point: files shipped with the host (forms, policies,
/// personas) are found next to the host's assembly; data files (database, keys) in the current directory.
/// </summary>
internal static class AppPaths
{
    public static string Shipped(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);

    public static string Data(string path) => Path.GetFullPath(path);
}
