namespace DelegationWidgets.FormProfile.Tests.Conformance;

/// <summary>Finds the official JSON-Schema-Test-Suite: DW_JSON_SCHEMA_SUITE, else &lt;repo root&gt;/../shared/json-schema-test-suite.</summary>
internal static class SuiteLocation
{
    public const string EnvironmentVariable = "DW_JSON_SCHEMA_SUITE";

    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DelegationWidgets.sln")))
            {
                var suite = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "json-schema-test-suite"));
                return Directory.Exists(suite) ? suite : null;
            }
        }

        return null;
    }

    public static string Require()
    {
        var suite = Find();
        Skip.If(suite is null, $"JSON-Schema-Test-Suite not found: set {EnvironmentVariable} or place it at <repo root>/../shared/json-schema-test-suite.");
        return suite!;
    }
}
