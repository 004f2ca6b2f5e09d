namespace DelegationWidgets.Host.Forms;

/// <summary>A form version published through the admin API, kept for good (every version is kept).</summary>
internal sealed class FormVersionRecord
{
    public required string FormId { get; init; }

    public required int Version { get; init; }

    /// <summary>The definition exactly as published.</summary>
    public required string Json { get; init; }

    public required DateTime PublishedAt { get; init; }

    public required string PublishedBy { get; init; }
}
