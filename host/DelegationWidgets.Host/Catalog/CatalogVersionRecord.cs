namespace DelegationWidgets.Host.Catalog;

/// <summary>A product or workflow version published through the admin API, kept for good.</summary>
internal sealed class CatalogVersionRecord
{
    public const string Product = "product";
    public const string Workflow = "workflow";

    public required string Kind { get; init; }

    public required string Id { get; init; }

    public required int Version { get; init; }

    public required string Json { get; init; }

    public required DateTime PublishedAt { get; init; }

    public required string PublishedBy { get; init; }
}
