using System.Net;
using System.Text.Json.Nodes;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>Administrators publish new versions of products and workflows; requests already made keep the versions they were made with.</summary>
public sealed class CatalogAdminTests(SelfServiceHost self) : IClassFixture<SelfServiceHost>
{
    private static string Shipped(string folder, string id) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host", "DelegationWidgets.Host", "Catalog", folder, id + ".json"));

    [Fact]
    public async Task PublishedVersions_AreCheckedServedAuditedAndKept_PendingRequestsKeepTheirWorkflow()
    {
        using var admin = await self.Host.ClientAsync("admin");
        using var employee = await self.Host.ClientAsync("employee");
        var before = await self.RequestAsync("employee", new { product = "design-tool", reason = "Icons", durationDays = 5 });
        Assert.Equal("pending-approval", before.Body.GetProperty("status").GetString());

        var workflow = JsonNode.Parse(Shipped("Workflows", "manager"))!;
        workflow["version"] = 2;
        workflow["title"] = "Approved automatically up to 20 a month";
        workflow["steps"]![0]!["autoApproveWhen"] = new JsonObject { ["costAtMost"] = 20 };
        var product = JsonNode.Parse(Shipped("Products", "design-tool"))!;
        product["version"] = 2;
        product["title"] = "Design tool licence (2027 edition)";
        var unknownWorkflow = product.DeepClone();
        unknownWorkflow["version"] = 3;
        unknownWorkflow["workflow"] = "nobody-knows";

        var byEmployee = await employee.PostRawAsync("api/v1/admin/workflows", workflow.ToJsonString());
        var publishedWorkflow = await admin.PostRawAsync("api/v1/admin/workflows", workflow.ToJsonString());
        var sameVersion = await admin.PostRawAsync("api/v1/admin/workflows", workflow.ToJsonString());
        var publishedProduct = await admin.PostRawAsync("api/v1/admin/products", product.ToJsonString());
        var broken = await admin.PostRawAsync("api/v1/admin/products", unknownWorkflow.ToJsonString());

        Assert.True(byEmployee.Status == HttpStatusCode.Forbidden, byEmployee.ToString());
        Assert.True(publishedWorkflow.Status == HttpStatusCode.Created, publishedWorkflow.ToString());
        Assert.True(sameVersion.Status == HttpStatusCode.BadRequest, sameVersion.ToString());
        Assert.NotEmpty(sameVersion.FieldErrors("/version"));
        Assert.True(publishedProduct.Status == HttpStatusCode.Created, publishedProduct.ToString());
        Assert.True(broken.Status == HttpStatusCode.BadRequest, broken.ToString());
        Assert.Contains(broken.FieldErrors("/workflow"), m => m.Contains("nobody-knows", StringComparison.Ordinal));
        var versions = await admin.GetJsonAsync("api/v1/admin/products/design-tool/versions");
        Assert.Equal([1, 2], versions.Body.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));

        // New requests use the new versions (approved automatically now); the earlier one still waits for the manager.
        var catalog = await (await self.Host.ClientAsync("intern")).GetJsonAsync("api/v1/catalog");
        Assert.Contains(catalog.Body.EnumerateArray(), p => p.GetProperty("title").GetString() == "Design tool licence (2027 edition)");
        var after = await self.RequestAsync("intern", new { product = "design-tool", reason = "Runbook diagrams", durationDays = 5 });
        Assert.Equal("fulfilled", after.Body.GetProperty("status").GetString());
        Assert.Equal("Design tool licence (2027 edition)", after.Body.GetProperty("productTitle").GetString());
        Assert.NotNull(await self.ApprovalAsync("manager", before.Body.GetProperty("id").GetString()!));

        // Kept: after a restart the published versions are loaded again.
        await self.Host.KillAsync();
        await self.Host.StartAsync();
        var again = await (await self.Host.ClientAsync("intern")).GetJsonAsync("api/v1/catalog");
        Assert.Contains(again.Body.EnumerateArray(), p => p.GetProperty("title").GetString() == "Design tool licence (2027 edition)");
        var audit = await (await self.Host.ClientAsync("admin")).GetJsonAsync("api/v1/audit?form=product:design-tool&limit=50");
        Assert.Contains(audit.Body.GetProperty("items").EnumerateArray(), e => e.GetProperty("type").GetString() == "product.published");
    }

    [Theory]
    [InlineData("userId-from-a-field", "/fulfilment/parameters/userId", "must be \"$beneficiary\"")]
    [InlineData("free-text-mapped", "/fulfilment/parameters/mailboxId", "restricted to fixed values")]
    [InlineData("unknown-field", "/fulfilment/parameters/permission", "must name a field")]
    [InlineData("secret-field", "/form/schema", "may not ask for secrets")]
    [InlineData("outside-the-profile", "/form/schema/properties/permission", "is not part of the Form Profile")]
    public async Task ProductsWhoseFieldsCouldNameAnythingOrHoldSecrets_AreRefused(string flaw, string field, string message)
    {
        using var admin = await self.Host.ClientAsync("admin");
        var product = JsonNode.Parse(Shipped("Products", "servicedesk-mailbox"))!;
        product["version"] = 10;
        var properties = product["form"]!["schema"]!["properties"]!.AsObject();
        var fulfilment = product["fulfilment"]!["parameters"]!;
        switch (flaw)
        {
            case "userId-from-a-field":
                properties["colleague"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("sam.sales") };
                fulfilment["userId"] = "/colleague";
                break;
            case "free-text-mapped":
                properties["mailbox"] = new JsonObject { ["type"] = "string", ["maxLength"] = 64 };
                product["form"]!["schema"]!["required"] = new JsonArray("permission", "mailbox");
                fulfilment["mailboxId"] = "/mailbox";
                break;
            case "unknown-field":
                fulfilment["permission"] = "/right";
                break;
            case "secret-field":
                properties["pin"] = new JsonObject { ["type"] = "string", ["writeOnly"] = true };
                break;
            default:
                properties["permission"]!["unknownKeyword"] = true;
                break;
        }

        var refused = await admin.PostRawAsync("api/v1/admin/products", product.ToJsonString());

        Assert.True(refused.Status == HttpStatusCode.BadRequest, refused.ToString());
        Assert.Contains(refused.Body.GetProperty("errors").EnumerateObject(),
            e => e.Name.StartsWith(field, StringComparison.Ordinal) && e.Value.EnumerateArray().Any(m => m.GetString()!.Contains(message, StringComparison.Ordinal)));
        var versions = await admin.GetJsonAsync("api/v1/admin/products/servicedesk-mailbox/versions");
        Assert.DoesNotContain(versions.Body.EnumerateArray(), v => v.GetProperty("version").GetInt32() == 10);
    }
}
