using System.Text.Json;
using System.Text.Json.Serialization;
using DelegationWidgets.Host.Changes;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Catalog;

/// <summary>Where the catalog is read from: <c>Catalog:Products</c> and <c>Catalog:Workflows</c> (folders of JSON files).</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    public string Products { get; set; } = "Catalog/Products";

    public string Workflows { get; set; } = "Catalog/Workflows";

    /// <summary>How often time-outs of approval steps and the ends of time-bound access are looked for (default 1 minute).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The self-service catalog as data: products and approval workflows loaded from their folders and checked at start-up
/// (a broken file stops the host with a message naming the file and what is wrong).
/// </summary>
internal sealed class CatalogStore
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly string[] ApproverKinds = ["requesterManager", "targetManager", "resourceOwner", "group", "users"];
    private static readonly string[] Risks = ["low", "medium", "high"];

    public CatalogStore(IOptions<CatalogOptions> options)
    {
        Workflows = Load<WorkflowDefinition>(AppPaths.Shipped(options.Value.Workflows), "Catalog:Workflows").ToDictionary(w => w.Id, StringComparer.Ordinal);
        foreach (var workflow in Workflows.Values)
        {
            Check(workflow);
        }

        Products = Load<ProductDefinition>(AppPaths.Shipped(options.Value.Products), "Catalog:Products").OrderBy(p => p.Category).ThenBy(p => p.Title).ToList();
        foreach (var product in Products)
        {
            Check(product);
        }
    }

    public IReadOnlyList<ProductDefinition> Products { get; }

    public IReadOnlyDictionary<string, WorkflowDefinition> Workflows { get; }

    public ProductDefinition? Find(string id) => Products.FirstOrDefault(p => p.Id == id);

    /// <summary>The workflow in words, for the catalog tiles.</summary>
    public string Describe(ProductDefinition product) =>
        Workflows[product.Workflow].Title;

    private static List<T> Load<T>(string folder, string setting)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"{setting}: the folder '{folder}' does not exist.");
        }

        var items = new List<T>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                items.Add(JsonSerializer.Deserialize<T>(File.ReadAllText(file), Json) ?? throw new InvalidOperationException("the file is empty"));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
            {
                throw new InvalidOperationException($"{setting} '{Path.GetFileName(file)}': {e.Message}", e);
            }
        }

        return items;
    }

    private static void Check(WorkflowDefinition workflow)
    {
        var where = $"Catalog:Workflows '{workflow.Id}'";
        if (string.IsNullOrWhiteSpace(workflow.Id) || workflow.Steps is not { Count: > 0 })
        {
            throw new InvalidOperationException($"{where}: a workflow needs an id and at least one step.");
        }

        foreach (var step in workflow.Steps)
        {
            if (step.Approver is null && step.AutoApproveWhen is null)
            {
                throw new InvalidOperationException($"{where}, step '{step.Id}': a step needs an approver or an autoApproveWhen rule.");
            }

            foreach (var approver in new[] { step.Approver, step.EscalateTo }.OfType<ApproverSpec>())
            {
                if (!ApproverKinds.Contains(approver.Kind, StringComparer.Ordinal)
                    || (approver.Kind == "group" && string.IsNullOrWhiteSpace(approver.Group))
                    || (approver.Kind == "users" && approver.Users is not { Count: > 0 }))
                {
                    throw new InvalidOperationException(
                        $"{where}, step '{step.Id}': approver kind '{approver.Kind}' is not one of {string.Join(", ", ApproverKinds)} (group needs 'group', users needs 'users').");
                }
            }

            if (step.Mode is not ("any" or "all") || step.OnTimeout is not ("deny" or "escalate") || (step.OnTimeout == "escalate" && step.EscalateTo is null))
            {
                throw new InvalidOperationException($"{where}, step '{step.Id}': mode is 'any' or 'all'; onTimeout is 'deny' or 'escalate' (which needs escalateTo).");
            }
        }
    }

    private void Check(ProductDefinition product)
    {
        var where = $"Catalog:Products '{product.Id}'";
        if (!Workflows.ContainsKey(product.Workflow))
        {
            throw new InvalidOperationException($"{where}: the workflow '{product.Workflow}' does not exist.");
        }

        if (!Risks.Contains(product.Risk, StringComparer.Ordinal) || product.Cost < 0 || product.MaxDurationDays is <= 0)
        {
            throw new InvalidOperationException($"{where}: risk is low, medium or high; cost is not negative; maxDurationDays is at least 1.");
        }

        foreach (var task in new[] { product.Fulfilment, product.Revocation }.OfType<ProductTask>())
        {
            if (!ActionFactory.Knows(task.Action))
            {
                throw new InvalidOperationException($"{where}: the action '{task.Action}' is not known ({string.Join(", ", ActionFactory.Actions)}).");
            }
        }

        if (product.MaxDurationDays is not null && product.Revocation is null)
        {
            throw new InvalidOperationException($"{where}: time-bound access (maxDurationDays) needs a revocation task.");
        }
    }
}
