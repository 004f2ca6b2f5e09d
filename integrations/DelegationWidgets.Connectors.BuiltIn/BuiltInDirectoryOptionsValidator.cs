using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.BuiltIn;

/// <summary>Stops the host at start-up with a message naming the misconfigured setting.</summary>
internal sealed class BuiltInDirectoryOptionsValidator : IValidateOptions<BuiltInDirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, BuiltInDirectoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"BuiltInDirectory:{nameof(options.ConnectionString)} is required: the SQLite connection string of the host's database (e.g. \"Data Source=delegation.db\").");
        }
        else
        {
            try
            {
                if (string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(options.ConnectionString).DataSource))
                {
                    failures.Add($"BuiltInDirectory:{nameof(options.ConnectionString)} must name a database file (Data Source=…).");
                }
            }
            catch (ArgumentException e)
            {
                failures.Add($"BuiltInDirectory:{nameof(options.ConnectionString)} is not a valid SQLite connection string: {e.Message}");
            }
        }

        if (options.UserCount is < BuiltInDirectoryOptions.MinimumUserCount or > BuiltInDirectoryOptions.MaximumUserCount)
        {
            failures.Add($"BuiltInDirectory:{nameof(options.UserCount)} must be between {BuiltInDirectoryOptions.MinimumUserCount} and {BuiltInDirectoryOptions.MaximumUserCount}; it is {options.UserCount}.");
        }

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add($"BuiltInDirectory:{nameof(options.Name)} is required: the target name forms refer to (default \"directory\").");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
