namespace Taxii.Protocol.Messages;

/// <summary>The Detail names TAXII 1.1 (Services Table 3) and Default Query 1.0 define.</summary>
public static class StatusDetailNames
{
    public const string AcceptableDestination = "ACCEPTABLE_DESTINATION";
    public const string MaxPartNumber = "MAX_PART_NUMBER";
    public const string Item = "ITEM";
    public const string EstimatedWait = "ESTIMATED_WAIT";
    public const string ResultId = "RESULT_ID";
    public const string WillPush = "WILL_PUSH";
    public const string SupportedBinding = "SUPPORTED_BINDING";
    public const string SupportedContent = "SUPPORTED_CONTENT";
    public const string SupportedProtocol = "SUPPORTED_PROTOCOL";
    public const string SupportedQuery = "SUPPORTED_QUERY";
    public const string CapabilityModule = "CAPABILITY_MODULE";
    public const string PreferredScope = "PREFERRED_SCOPE";
    public const string AllowedScope = "ALLOWED_SCOPE";
    public const string TargetingExpressionId = "TARGETING_EXPRESSION_ID";
}
