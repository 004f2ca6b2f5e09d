// Quick start: run a DelegationWidgets host with development tokens on, then
//   dotnet run --project sdk/samples/QuickStart -- http://localhost:5080/
using System.Globalization;
using System.Text.Json;
using DelegationWidgets.Sdk;
using DelegationWidgets.Sdk.Models;
using Microsoft.Extensions.DependencyInjection;

var baseAddress = new Uri(args.Length > 0 ? args[0] : "http://localhost:5080/");
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));
var ct = cancel.Token;

// 1. A development token (only development and demo hosts issue them; use your identity provider elsewhere).
string? token = null;
var services = new ServiceCollection();
services.AddDelegationClient(options =>
{
    options.BaseAddress = baseAddress;
    options.TokenProvider = _ => ValueTask.FromResult(token);
    options.UserAgent = "QuickStart/1.0";
});
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<DelegationClient>();
token = (await client.GetDevTokenAsync("agent", ct)).AccessToken;

// 2. The forms this agent may use.
foreach (var form in await client.GetFormsAsync(ct))
{
    Console.WriteLine($"{form.Id,-26} v{form.Version}  {form.Title}");
}

// 3. Look up a user (the lookup only offers users within the agent's delegation).
LookupOption? user = null;
await foreach (var option in client.GetLookupOptionsAsync("unlock-account", "user", cancellationToken: ct))
{
    user = option;
    break;
}

if (user is null)
{
    Console.WriteLine("No user to unlock within this delegation.");
    return;
}

Console.WriteLine($"Chosen: {user.Label} ({user.Id})");

// 4. Dry run, then submit unlock-account; the idempotency key makes a retry (by the policy, or by you) safe.
var request = new SubmissionRequest(JsonSerializer.SerializeToElement(new { user = user.Id }), Reason: "Locked out", Ticket: "INC0012345");
var preview = await client.DryRunAsync("unlock-account", request, ct);
Console.WriteLine($"Dry run: {preview.Outcome}; " + string.Join(", ", preview.Changes.Select(c => $"{c.Attribute}: {c.Before} -> {c.After}")));

try
{
    var change = await client.SubmitAsync("unlock-account", request, idempotencyKey: $"INC0012345-unlock-{user.Id}", cancellationToken: ct);
    Console.WriteLine($"Change {change.Id}: {change.Status} ({change.Outcome})");
}
catch (DelegationApiException e)
{
    Console.WriteLine($"Refused: {e.ErrorId} {e.Title} {e.Detail}");
    foreach (var (field, messages) in e.Errors)
    {
        Console.WriteLine($"  {field}: {string.Join(" ", messages)}");
    }
}

// 5. The audit trail of this ticket, newest first (paged for you).
await foreach (var entry in client.GetAuditEventsAsync(new AuditQuery(Ticket: "INC0012345"), cancellationToken: ct))
{
    Console.WriteLine($"{entry.OccurredAt.ToString("u", CultureInfo.InvariantCulture)} {entry.Type,-18} {entry.Actor.Subject} -> {entry.Target} [{entry.Outcome}]");
}
