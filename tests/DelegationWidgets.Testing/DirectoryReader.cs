using Microsoft.Data.Sqlite;

namespace DelegationWidgets.Testing;

/// <summary>Reads the built-in directory's tables straight from the host's database, to check what a change really did.</summary>
public sealed class DirectoryReader(string databasePath)
{
    public async Task<string?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (await command.ExecuteScalarAsync())?.ToString();
    }

    public async Task<List<string>> ColumnAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    public Task<string?> AttributeAsync(string id, string column) =>
        ScalarAsync($"SELECT {column} FROM directory_objects WHERE Id = $id", ("$id", id));

    public async Task<bool> IsMemberAsync(string user, string group) =>
        await ScalarAsync("SELECT COUNT(*) FROM directory_group_members WHERE GroupId = $g AND UserId = $u", ("$g", group), ("$u", user)) == "1";

    /// <summary>Users of an OU that match a condition on directory_objects, in id order.</summary>
    public Task<List<string>> UsersAsync(string ou, string condition = "1=1") =>
        ColumnAsync($"SELECT Id FROM directory_objects WHERE Kind = 0 AND OrganizationalUnit = '{ou}' AND {condition} ORDER BY Id");
}
