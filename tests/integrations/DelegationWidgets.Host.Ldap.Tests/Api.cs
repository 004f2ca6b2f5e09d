using System.Net;
using System.Text.Json;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Ldap.Tests;

/// <summary>Calls of these tests beyond the shared <see cref="Testing.Api"/>.</summary>
public static class LdapApi
{
    /// <summary>The audit events (newest first) for a target, as the administrator sees them.</summary>
    public static async Task<List<JsonElement>> AuditOfAsync(this HttpClient admin, string target)
    {
        var page = await admin.GetJsonAsync($"api/v1/audit?target={Uri.EscapeDataString(target)}&limit=200");
        Assert.True(page.Status == HttpStatusCode.OK, page.ToString());
        return [.. page.Body.GetProperty("items").EnumerateArray()];
    }
}
