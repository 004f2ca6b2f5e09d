using System.Text;
using DelegationWidgets.Connectors.BuiltIn.Passwords;
using Microsoft.Data.Sqlite;

namespace DelegationWidgets.Connectors.BuiltIn.Tests.Passwords;

public sealed class PasswordTests
{
    [Fact]
    public void GeneratePassword_ManyTimes_MeetsPolicyAndDiffers()
    {
        var passwords = Enumerable.Range(0, 500).Select(_ => PasswordPolicy.Generate()).ToList();

        Assert.All(passwords, p =>
        {
            Assert.Equal(16, p.Length);
            Assert.Null(PasswordPolicy.Check(p, "jan.devries", "de Vries"));
            Assert.Contains(p, char.IsAsciiLetterUpper);
            Assert.Contains(p, char.IsAsciiLetterLower);
            Assert.Contains(p, char.IsAsciiDigit);
            Assert.Contains(p, c => !char.IsAsciiLetterOrDigit(c));
        });
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }

    [Fact]
    public async Task GeneratePassword_AcceptedByResetPassword()
    {
        await using var directory = await TestDirectory.CreateAsync();

        var result = await directory.Connector.ExecuteAsync(new ResetPassword("ivo.intern", directory.Connector.GeneratePassword(), true), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.Changed, result.Outcome);
    }

    [Theory]
    [InlineData("Abcdefghij1!", true)]
    [InlineData("abcdefghij1!", true)]
    [InlineData("abcdefghijk1", false)]
    [InlineData("Abc-1", false)]
    [InlineData("Xjan.devriesX1", false)]
    [InlineData("X-DEVRIES-2026", false)]
    [InlineData("X-De Vries-2026", false)]
    public void Check_Password_AppliesPolicy(string password, bool valid)
    {
        Assert.Equal(valid, PasswordPolicy.Check(password, "jan.devries", "de Vries") is null);
    }

    [Fact]
    public void Create_SamePasswordTwice_SaltedHashesDifferAndVerify()
    {
        var first = PasswordHash.Create("Tulpen-Bloeien-2026!");
        var second = PasswordHash.Create("Tulpen-Bloeien-2026!");

        Assert.NotEqual(first, second);
        Assert.StartsWith("pbkdf2-sha256$", first, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("Tulpen-Bloeien-2026!", first));
        Assert.False(PasswordHash.Verify("Tulpen-Bloeien-2027!", first));
        Assert.False(PasswordHash.Verify("anything", null));
    }

    [Fact]
    public async Task ExecuteAsync_PasswordsSet_NeverAppearInTheDatabaseFiles()
    {
        const string reset = "Geheim-Wachtwoord-4711!";
        const string initial = "Nieuw#Account-0815?";
        var directory = await TestDirectory.CreateAsync();
        var folder = directory.Folder;
        try
        {
            await directory.Connector.ExecuteAsync(new ResetPassword("emma.employee", reset, true), ActionMode.Apply, CancellationToken.None);
            await directory.Connector.ExecuteAsync(
                new CreateAccount("Jan", "Bos", "OU=External,DC=demo,DC=example", "maria.manager", new DateOnly(2026, 3, 1), initial), ActionMode.Apply, CancellationToken.None);

            // Read the files while the write-ahead log still holds the changes, and again after checkpointing.
            AssertAbsent(folder, reset, initial);
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "delegation.db")};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await command.ExecuteNonQueryAsync();
            }

            AssertAbsent(folder, reset, initial);
        }
        finally
        {
            await directory.DisposeAsync();
        }
    }

    private static void AssertAbsent(string folder, params string[] secrets)
    {
        var files = Directory.GetFiles(folder);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var memory = new MemoryStream())
            {
                stream.CopyTo(memory);
                bytes = memory.ToArray();
            }

            foreach (var secret in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{secret} found in {file}");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) < 0, $"{secret} (UTF-16) found in {file}");
            }
        }
    }
}
