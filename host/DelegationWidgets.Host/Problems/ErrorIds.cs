namespace DelegationWidgets.Host.Problems;

/// <summary>Stable error ids, carried in every problem response (<c>errorId</c>) and in logs.</summary>
internal static class ErrorIds
{
    public const string Unauthenticated = "DW1001";
    public const string FormNotFound = "DW1002";
    public const string FormNotGranted = "DW1003";
    public const string OutOfScope = "DW1004";
    public const string ValidationFailed = "DW1005";
    public const string MalformedRequest = "DW1006";
    public const string LookupNotFound = "DW1007";
    public const string IdempotencyConflict = "DW1008";
    public const string FormVersionChanged = "DW1009";
    public const string ChangeNotFound = "DW1010";
    public const string TargetRefused = "DW1011";
    public const string TargetUnavailable = "DW1012";
    public const string AdminRequired = "DW1013";
    public const string InvalidQuery = "DW1014";
    public const string DevTokensOff = "DW1015";
    public const string UnknownPersona = "DW1016";
    public const string NoSuchEndpoint = "DW1017";
    public const string MethodNotAllowed = "DW1018";
    public const string TooManyRequests = "DW1019";
    public const string StorageUnavailable = "DW1020";
    public const string NotRetryable = "DW1021";
    public const string TicketSystemUnavailable = "DW1022";
    public const string NoSuchProduct = "DW1023";
    public const string AlreadyRequested = "DW1024";
    public const string NoSuchApproval = "DW1025";
    public const string AlreadyDecided = "DW1026";
    public const string NoSuchRequest = "DW1027";
    public const string Unexpected = "DW1099";
}
