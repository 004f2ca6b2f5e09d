using DelegationWidgets.Host.Problems;

namespace DelegationWidgets.Host.Identity;

/// <summary>
/// The host's clock: the system's, moved on by an offset that only <c>POST /dev/clock</c> can set, and that endpoint
/// exists only while development tokens are on (so demos and tests can let days pass: approval time-outs, the end of
/// time-bound access). In production the offset is always zero.
/// </summary>
internal sealed class DevClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary><c>POST /dev/clock {"advance": "2.00:00:00"}</c> (administrators, development tokens on): moves the host's clock on.</summary>
internal static class DevClockApi
{
    public sealed record ClockAdvance(TimeSpan Advance);

    public static void MapDevClockApi(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<DevelopmentIssuer>() is null)
        {
            return;
        }

        app.MapPost("/dev/clock", (ClockAdvance body, HttpContext context, DevClock clock) =>
        {
            if (!Caller.From(context).IsAdmin)
            {
                return Problem.AdminRequired();
            }

            if (body.Advance <= TimeSpan.Zero || body.Advance > TimeSpan.FromDays(3650))
            {
                return Problem.Create(StatusCodes.Status400BadRequest, ErrorIds.MalformedRequest, "The clock cannot be moved so.", "Move it forward by more than zero and at most ten years.");
            }

            clock.Advance(body.Advance);
            return Results.Ok(new { now = clock.GetUtcNow(), offset = clock.Offset });
        }).RequireAuthorization().ExcludeFromDescription();
    }
}
