using DelegationWidgets.Host.Storage;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Host.Identity;

/// <summary>A single-use token's id as recorded: the issuer and <c>jti</c>, kept until the token would have expired.</summary>
internal sealed class TokenUse
{
    public required string Issuer { get; init; }

    public required string Jti { get; init; }

    public required DateTime ExpiresAt { get; init; }
}

/// <summary>
/// The replay cache of single-use tokens (ServiceNow's), in the database so that a token used at one host instance is
/// refused at every other: the first use inserts the (issuer, jti) row, a second finds it taken. Rows of expired tokens
/// are removed now and then. Real time throughout, as token validation reads it (not the host's DevClock, which
/// <c>/dev/clock</c> may have moved on: that would remove rows of tokens still valid).
/// </summary>
internal sealed class TokenReplay(IDbContextFactory<DelegationDbContext> databases)
{
    private static readonly TimeSpan CleanupEvery = TimeSpan.FromMinutes(5);
    private long _lastCleanupTicks;

    /// <summary>True the first time the token is used, false when it was used before.</summary>
    public async Task<bool> TryUseAsync(string issuer, string jti, DateTime expiresAt, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (now.Ticks - Interlocked.Read(ref _lastCleanupTicks) > CleanupEvery.Ticks)
        {
            Interlocked.Exchange(ref _lastCleanupTicks, now.Ticks);
            await db.TokenUses.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        }

        db.TokenUses.Add(new TokenUse { Issuer = issuer, Jti = jti, ExpiresAt = DateTime.SpecifyKind(expiresAt, DateTimeKind.Utc) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Taken by an earlier use (here or at another instance); any other failure is not a replay.
            await using var check = await databases.CreateDbContextAsync(cancellationToken);
            if (await check.TokenUses.AsNoTracking().AnyAsync(t => t.Issuer == issuer && t.Jti == jti, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }
}
