using System.Globalization;
using System.Threading.RateLimiting;
using DelegationWidgets.Host.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace DelegationWidgets.Host.Limits;

/// <summary>Settings of the per-caller rate limit (configuration section <c>RateLimiting</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Off: no limit (benchmarks; a load balancer that limits already).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests a caller may make per second, on average (default 50: far above a person, room for an integration).</summary>
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Requests a caller may make at once after a quiet spell (default 200).</summary>
    public int Burst { get; set; } = 200;
}

/// <summary>
/// A token bucket per caller: the authenticated identity (issuer and subject) when there is one, else the client address.
/// A caller over the limit gets 429 with <c>Retry-After</c> and a problem response; other callers are not affected.
/// Health checks are not limited.
/// </summary>
internal static class RateLimits
{
    public static void AddDelegationRateLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        if (options.PermitsPerSecond < 1 || options.Burst < 1)
        {
            throw new InvalidOperationException(
                $"RateLimiting:PermitsPerSecond and RateLimiting:Burst must be at least 1; they are {options.PermitsPerSecond} and {options.Burst}.");
        }

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !options.Enabled || context.Request.Path.StartsWithSegments("/healthz")
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.Burst,
                        TokensPerPeriod = options.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problem.Create(StatusCodes.Status429TooManyRequests, ErrorIds.TooManyRequests, "Too many requests.",
                        $"This caller made more than {options.PermitsPerSecond} requests per second. Wait {seconds} s and try again.")
                    .ExecuteAsync(http);
            };
        });
    }

    private static string PartitionKey(HttpContext context)
    {
        var user = context.User;
        var subject = user.FindFirst("sub")?.Value;
        return user.Identity?.IsAuthenticated == true && subject is not null
            ? $"{user.FindFirst("iss")?.Value}|{subject}"
            : "address|" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
