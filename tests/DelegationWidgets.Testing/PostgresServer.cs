using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace DelegationWidgets.Testing;

/// <summary>
/// A throw-away PostgreSQL server (the Debian package) on a free loopback port, through the scripts in
/// <c>tests/postgres</c>. Each test that needs a database of its own asks for one (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Password = "Pg!Test-Server-2026";

    private PostgresServer(string workFolder, int port)
    {
        WorkFolder = workFolder;
        Port = port;
    }

    public string WorkFolder { get; }

    public int Port { get; }

    /// <summary>Creates and starts the server; fails with the script's output when PostgreSQL is missing or does not start.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        // Under /tmp itself: the server runs as the user "postgres", who cannot enter a folder private to root.
        var work = Path.Combine("/tmp", "dw-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var port = FreePort();
        var (exitCode, output) = await RunAsync("start-pg.sh", work, port.ToString(System.Globalization.CultureInfo.InvariantCulture), Password);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"tests/postgres/start-pg.sh could not start PostgreSQL (exit {exitCode}). Install the Debian package postgresql (tests/run.sh does) and run the tests as root.\n{output}");
        }

        return new PostgresServer(work, port);
    }

    /// <summary>The connection string of a database on this server (the superuser's; the tests own the server).</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Password = Password, Database = database }.ConnectionString;

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "dw_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Runs one SQL statement on a database and returns how many rows it touched.</summary>
    public static async Task<int> ExecuteAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a query and returns the first column of every row as text.</summary>
    public static async Task<List<string?>> QueryAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<string?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return rows;
    }

    /// <summary>Stops the server at once, as a crash would (the data stays); <see cref="RestartAsync"/> brings it back.</summary>
    public async Task StopAsync()
    {
        var (exitCode, output) = await RunAsync("stop-pg.sh", WorkFolder, "--keep");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"tests/postgres/stop-pg.sh failed (exit {exitCode}):\n{output}");
        }
    }

    /// <summary>Starts a stopped server again on the same port.</summary>
    public async Task RestartAsync()
    {
        var (exitCode, output) = await RunAsync("start-pg.sh", WorkFolder, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Password);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"tests/postgres/start-pg.sh could not start PostgreSQL again (exit {exitCode}):\n{output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync("stop-pg.sh", WorkFolder);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task<(int ExitCode, string Output)> RunAsync(string script, params string[] arguments) =>
        TestScripts.RunAsync("postgres", script, arguments);
}
