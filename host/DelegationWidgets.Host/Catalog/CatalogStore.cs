using System.Collections.Concurrent;
using DelegationWidgets.FormProfile;
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
/// The self-service catalog as data: products and approval workflows, every version kept. Files of their folders are read
/// at start-up; administrators publish new versions through the admin API (stored in the database, loaded again at
/// start-up). Everything is checked the same way: a broken file stops the host with a message naming the file, a broken
/// publication is refused with field paths. A request keeps the versions it was made with.
/// </summary>
internal sealed class CatalogStore
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly string[] ApproverKinds = ["requesterManager", "targetManager", "resourceOwner", "group", "users"];
    private static readonly string[] Risks = ["low", "medium", "high"];
    private readonly ConcurrentDictionary<string, SortedList<int, ProductDefinition>> _products = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SortedList<int, WorkflowDefinition>> _workflows = new(StringComparer.Ordinal);

    public CatalogStore(IOptions<CatalogOptions> options)
    {
        foreach (var (workflow, file) in Load<WorkflowDefinition>(AppPaths.Shipped(options.Value.Workflows), "Catalog:Workflows"))
        {
            Throwing($"Catalog:Workflows '{file}'", () => Add(workflow));
        }

        foreach (var (product, file) in Load<ProductDefinition>(AppPaths.Shipped(options.Value.Products), "Catalog:Products"))
        {
            Throwing($"Catalog:Products '{file}'", () => Add(product));
        }
    }

    /// <summary>The newest version of every product, by category and title.</summary>
    public IReadOnlyList<ProductDefinition> Products =>
        [.. _products.Values.Select(Latest).OrderBy(p => p.Category, StringComparer.Ordinal).ThenBy(p => p.Title, StringComparer.Ordinal)];

    /// <summary>A product: the newest version, or the one asked for.</summary>
    public ProductDefinition? Find(string id, int? version = null) => Get(_products, id, version);

    /// <summary>
    /// The connector a product's people (requesters, beneficiaries, approvers) are found in: its fulfilment connector; for
    /// no product, the first product's; "directory" when there is none.
    /// </summary>
    public string DirectoryOf(string? productId) =>
        (productId is null ? null : Find(productId))?.Fulfilment.Connector ?? (Products is [var first, ..] ? first.Fulfilment.Connector : "directory");

    /// <summary>A workflow: the newest version, or the one asked for.</summary>
    public WorkflowDefinition? Workflow(string id, int? version = null) => Get(_workflows, id, version);

    public IReadOnlyList<T> Versions<T>(string id) where T : class =>
        typeof(T) == typeof(ProductDefinition)
            ? (IReadOnlyList<T>)(object)Snapshot(_products, id)
            : (IReadOnlyList<T>)(object)Snapshot(_workflows, id);

    /// <summary>Adds a workflow version after checking it; a problem is an <see cref="InvalidOperationException"/> naming the member.</summary>
    public void Add(WorkflowDefinition workflow) => AddChecked(CheckNew(workflow));

    /// <summary>Adds a product version after checking it (its workflow must exist).</summary>
    public void Add(ProductDefinition product) => AddChecked(CheckNew(product));

    /// <summary>Checks a workflow version before it is published (also that its version is new); returns it, ready for <see cref="AddChecked(WorkflowDefinition)"/>.</summary>
    public WorkflowDefinition CheckNew(WorkflowDefinition workflow)
    {
        Check(workflow);
        CheckVersion(_workflows, workflow.Id, workflow.Version);
        return workflow;
    }

    /// <summary>Checks a product version before it is published (also that its version is new); returns it with its form compiled.</summary>
    public ProductDefinition CheckNew(ProductDefinition product)
    {
        var compiled = product with { Schema = Check(product) };
        CheckVersion(_products, product.Id, product.Version);
        return compiled;
    }

    /// <summary>Adds a version that <see cref="CheckNew(WorkflowDefinition)"/> passed (refused if another was added meanwhile).</summary>
    public void AddChecked(WorkflowDefinition workflow) => AddVersion(_workflows, workflow.Id, workflow.Version, workflow);

    /// <summary>Adds a version that <see cref="CheckNew(ProductDefinition)"/> passed (refused if another was added meanwhile).</summary>
    public void AddChecked(ProductDefinition product) => AddVersion(_products, product.Id, product.Version, product);

    private static void CheckVersion<T>(ConcurrentDictionary<string, SortedList<int, T>> all, string id, int version)
    {
        if (all.TryGetValue(id, out var versions))
        {
            lock (versions)
            {
                if (versions.Count > 0 && versions.Keys[^1] >= version)
                {
                    throw new InvalidOperationException($"version: '{id}' is at version {versions.Keys[^1]}; publish a higher version.");
                }
            }
        }
    }

    private static void AddVersion<T>(ConcurrentDictionary<string, SortedList<int, T>> all, string id, int version, T item)
    {
        var versions = all.GetOrAdd(id, _ => []);
        lock (versions)
        {
            if (versions.ContainsKey(version) || (versions.Count > 0 && versions.Keys[^1] >= version))
            {
                throw new InvalidOperationException($"version: '{id}' is at version {versions.Keys[^1]}; publish a higher version.");
            }

            versions.Add(version, item);
        }
    }

    private static T? Get<T>(ConcurrentDictionary<string, SortedList<int, T>> all, string id, int? version) where T : class
    {
        if (!all.TryGetValue(id, out var versions))
        {
            return null;
        }

        lock (versions)
        {
            return version is { } v ? versions.GetValueOrDefault(v) : versions.Values[^1];
        }
    }

    private static List<T> Snapshot<T>(ConcurrentDictionary<string, SortedList<int, T>> all, string id)
    {
        if (!all.TryGetValue(id, out var versions))
        {
            return [];
        }

        lock (versions)
        {
            return [.. versions.Values];
        }
    }

    private static T Latest<T>(SortedList<int, T> versions)
    {
        lock (versions)
        {
            return versions.Values[^1];
        }
    }

    private static void Throwing(string where, Action add)
    {
        try
        {
            add();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{where}: {e.Message}", e);
        }
    }

    private static List<(T Item, string File)> Load<T>(string folder, string setting)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"{setting}: the folder '{folder}' does not exist.");
        }

        var items = new List<(T, string)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                items.Add((JsonSerializer.Deserialize<T>(File.ReadAllText(file), Json) ?? throw new InvalidOperationException("the file is empty"), Path.GetFileName(file)));
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
        if (string.IsNullOrWhiteSpace(workflow.Id) || workflow.Version < 1 || workflow.Steps is not { Count: > 0 })
        {
            throw new InvalidOperationException("id, version: a workflow needs an id, a version of at least 1 and at least one step.");
        }

        foreach (var step in workflow.Steps)
        {
            if (step.Approver is null && step.AutoApproveWhen is null)
            {
                throw new InvalidOperationException($"steps: step '{step.Id}' needs an approver or an autoApproveWhen rule.");
            }

            foreach (var approver in new[] { step.Approver, step.EscalateTo }.OfType<ApproverSpec>())
            {
                if (!ApproverKinds.Contains(approver.Kind, StringComparer.Ordinal)
                    || (approver.Kind == "group" && string.IsNullOrWhiteSpace(approver.Group))
                    || (approver.Kind == "users" && approver.Users is not { Count: > 0 }))
                {
                    throw new InvalidOperationException(
                        $"steps: step '{step.Id}': approver kind '{approver.Kind}' is not one of {string.Join(", ", ApproverKinds)} (group needs 'group', users needs 'users').");
                }
            }

            if (step.Mode is not ("any" or "all") || step.OnTimeout is not ("deny" or "escalate") || (step.OnTimeout == "escalate" && step.EscalateTo is null))
            {
                throw new InvalidOperationException($"steps: step '{step.Id}': mode is 'any' or 'all'; onTimeout is 'deny' or 'escalate' (which needs escalateTo).");
            }
        }
    }

    /// <summary>Checks a product; returns its form's compiled schema (null without fields).</summary>
    private FormSchema? Check(ProductDefinition product)
    {
        if (string.IsNullOrWhiteSpace(product.Id) || product.Version < 1 || string.IsNullOrWhiteSpace(product.Title) || product.Fulfilment is null || product.Visibility is null)
        {
            throw new InvalidOperationException("id, version, title, visibility, fulfilment: a product needs them all (version at least 1).");
        }

        if (Workflow(product.Workflow ?? "") is null)
        {
            throw new InvalidOperationException($"workflow: the workflow '{product.Workflow}' does not exist.");
        }

        if (!Risks.Contains(product.Risk, StringComparer.Ordinal) || product.Cost < 0 || product.MaxDurationDays is <= 0)
        {
            throw new InvalidOperationException("risk, cost, maxDurationDays: risk is low, medium or high; cost is not negative; maxDurationDays is at least 1.");
        }

        foreach (var task in new[] { product.Fulfilment, product.Revocation }.OfType<ProductTask>())
        {
            if (!ActionFactory.Knows(task.Action))
            {
                throw new InvalidOperationException($"fulfilment: the action '{task.Action}' is not known ({string.Join(", ", ActionFactory.Actions)}).");
            }
        }

        if (product.MaxDurationDays is not null && product.Revocation is null)
        {
            throw new InvalidOperationException("revocation: time-bound access (maxDurationDays) needs a revocation task.");
        }

        return ProductForms.Check(product);
    }
}
