namespace Taxii.Protocol.Messages;

/// <summary>
/// A Status_Message status_type. An open set: third parties may define their own URIs, so this is a value type
/// rather than an enum.
/// </summary>
public readonly record struct StatusType(string Value)
{
    public static readonly StatusType AsynchronousPollError = new("ASYNCHRONOUS_POLL_ERROR");
    public static readonly StatusType BadMessage = new("BAD_MESSAGE");
    public static readonly StatusType Denied = new("DENIED");
    public static readonly StatusType DestinationCollectionError = new("DESTINATION_COLLECTION_ERROR");
    public static readonly StatusType Failure = new("FAILURE");
    public static readonly StatusType InvalidResponsePart = new("INVALID_RESPONSE_PART");
    public static readonly StatusType NetworkError = new("NETWORK_ERROR");
    public static readonly StatusType NotFound = new("NOT_FOUND");
    public static readonly StatusType Pending = new("PENDING");
    public static readonly StatusType PollingUnsupported = new("POLLING_UNSUPPORTED");
    public static readonly StatusType Retry = new("RETRY");
    public static readonly StatusType Success = new("SUCCESS");
    public static readonly StatusType Unauthorized = new("UNAUTHORIZED");
    public static readonly StatusType UnsupportedMessage = new("UNSUPPORTED_MESSAGE");
    public static readonly StatusType UnsupportedContent = new("UNSUPPORTED_CONTENT");
    public static readonly StatusType UnsupportedProtocol = new("UNSUPPORTED_PROTOCOL");
    public static readonly StatusType UnsupportedQuery = new("UNSUPPORTED_QUERY");

    // defined by TAXII Default Query 1.0 §2, not in the XSD enumeration (they pass as anyURI)
    public static readonly StatusType UnsupportedCapabilityModule = new("UNSUPPORTED_CAPABILITY_MODULE");
    public static readonly StatusType UnsupportedTargetingExpression = new("UNSUPPORTED_TARGETING_EXPRESSION");
    public static readonly StatusType UnsupportedTargetingExpressionId = new("UNSUPPORTED_TARGETING_EXPRESSION_ID");

    private static readonly HashSet<string> V10Types =
    [
        "BAD_MESSAGE", "DENIED", "FAILURE", "NOT_FOUND", "POLLING_UNSUPPORTED", "RETRY", "SUCCESS", "UNAUTHORIZED",
        "UNSUPPORTED_MESSAGE", "UNSUPPORTED_CONTENT", "UNSUPPORTED_PROTOCOL",
    ];

    /// <summary>True when TAXII 1.0 defines this status type (1.0 knows only eleven of them).</summary>
    public bool IsDefinedInV10 => Value is not null && V10Types.Contains(Value);

    public override string ToString() => Value;
}
