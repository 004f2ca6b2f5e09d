namespace DelegationWidgets.Sdk;

/// <summary>The file format of an audit export.</summary>
public enum AuditExportFormat
{
    /// <summary>CSV with a header row (<c>text/csv</c>); cells that could be formulas are neutralised.</summary>
    Csv,

    /// <summary>JSON Lines (<c>application/x-ndjson</c>): one audit event per line.</summary>
    JsonLines,
}
