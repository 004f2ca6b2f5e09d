using System.Globalization;
using DelegationWidgets.Host.Audit;
using Microsoft.Data.Sqlite;

namespace DelegationWidgets.Benchmarks;

/// <summary>Appends many audit events straight into a stopped host's database, hash-chained exactly as the host chains them.</summary>
internal static class AuditSeeder
{
    public static async Task AppendAsync(string databasePath, int count, IReadOnlyList<string> actors, IReadOnlyList<string> targets)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        long sequence = 0;
        var previous = AuditChain.GenesisHash;
        await using (var head = connection.CreateCommand())
        {
            head.CommandText = "SELECT Sequence, Hash FROM audit_head WHERE Id = 1";
            await using var reader = await head.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                sequence = reader.GetInt64(0);
                previous = reader.GetString(1);
            }
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        var columns = new[]
        {
            "Sequence", "Id", "OccurredAt", "Type", "ActorIssuer", "ActorSubject", "ActorName", "ActorRoles", "Via", "Address", "FormId", "FormVersion",
            "TargetId", "ChangeId", "Reason", "Ticket", "Outcome", "Detail", "ChangesJson", "CorrelationId", "PreviousHash", "Hash",
        };
        insert.CommandText = $"INSERT INTO audit_events ({string.Join(',', columns)}) VALUES ({string.Join(',', columns.Select(c => "$" + c))})";
        var parameters = columns.ToDictionary(c => c, c => insert.Parameters.Add("$" + c, SqliteType.Text));
        var start = DateTime.UtcNow.AddDays(-365);
        for (var i = 0; i < count; i++)
        {
            var record = new AuditRecord
            {
                Sequence = ++sequence,
                Id = Guid.NewGuid().ToString(),
                OccurredAt = start.AddTicks(i * 300_000_000L),
                Type = i % 2 == 0 ? "change.running" : "change.succeeded",
                ActorIssuer = "urn:delegationwidgets:dev",
                ActorSubject = actors[i % actors.Count],
                ActorName = actors[i % actors.Count],
                ActorRoles = "helpdesk",
                Via = "benchmark",
                Address = "127.0.0.1",
                FormId = "update-contact-details",
                FormVersion = 1,
                TargetId = targets[(i / 2) % targets.Count],
                ChangeId = Guid.NewGuid().ToString(),
                Reason = "Seeded for the audit query benchmark",
                Ticket = "INC" + (i / 2).ToString("D7", CultureInfo.InvariantCulture),
                Outcome = i % 2 == 0 ? "pending" : "success",
                ChangesJson = "[]",
                PreviousHash = previous,
            };
            record.Hash = AuditChain.HashOf(record);
            previous = record.Hash;
            parameters["Sequence"].Value = record.Sequence;
            parameters["Id"].Value = record.Id;
            parameters["OccurredAt"].Value = record.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            parameters["Type"].Value = record.Type;
            parameters["ActorIssuer"].Value = record.ActorIssuer;
            parameters["ActorSubject"].Value = record.ActorSubject;
            parameters["ActorName"].Value = record.ActorName;
            parameters["ActorRoles"].Value = record.ActorRoles;
            parameters["Via"].Value = record.Via;
            parameters["Address"].Value = record.Address;
            parameters["FormId"].Value = record.FormId;
            parameters["FormVersion"].Value = record.FormVersion;
            parameters["TargetId"].Value = record.TargetId;
            parameters["ChangeId"].Value = record.ChangeId;
            parameters["Reason"].Value = record.Reason;
            parameters["Ticket"].Value = record.Ticket;
            parameters["Outcome"].Value = record.Outcome;
            parameters["Detail"].Value = DBNull.Value;
            parameters["ChangesJson"].Value = record.ChangesJson;
            parameters["CorrelationId"].Value = DBNull.Value;
            parameters["PreviousHash"].Value = record.PreviousHash;
            parameters["Hash"].Value = record.Hash;
            await insert.ExecuteNonQueryAsync();
        }

        await using (var head = connection.CreateCommand())
        {
            head.Transaction = transaction;
            head.CommandText = "INSERT INTO audit_head (Id, Sequence, Hash) VALUES (1, $s, $h) ON CONFLICT(Id) DO UPDATE SET Sequence = $s, Hash = $h";
            head.Parameters.AddWithValue("$s", sequence);
            head.Parameters.AddWithValue("$h", previous);
            await head.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
