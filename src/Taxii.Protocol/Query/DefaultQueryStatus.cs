namespace Taxii.Protocol.Query;

/// <summary>
/// TAXII status types and Status_Detail names that a Default Query can produce ([Q] §2, [S] Table 3). They are
/// strings because the protocol model's status type is an open set.
/// </summary>
public static class DefaultQueryStatus
{
    /// <summary>Malformed query, or a relationship/parameter that the module does not define.</summary>
    public const string BadMessage = "BAD_MESSAGE";

    /// <summary>The query format (format_id or root element) is not TAXII Default Query 1.0.</summary>
    public const string UnsupportedQuery = "UNSUPPORTED_QUERY";

    /// <summary>[Q] §2: a Test names a capability module the service does not implement.</summary>
    public const string UnsupportedCapabilityModule = "UNSUPPORTED_CAPABILITY_MODULE";

    /// <summary>[Q] §2: a Target is outside the supported scope or cannot be evaluated.</summary>
    public const string UnsupportedTargetingExpression = "UNSUPPORTED_TARGETING_EXPRESSION";

    /// <summary>[Q] §2: the targeting_expression_id (vocabulary) is not supported.</summary>
    public const string UnsupportedTargetingExpressionId = "UNSUPPORTED_TARGETING_EXPRESSION_ID";

    /// <summary>Detail of UNSUPPORTED_QUERY: the supported query format ids.</summary>
    public const string SupportedQueryDetail = "SUPPORTED_QUERY";

    /// <summary>Detail of UNSUPPORTED_CAPABILITY_MODULE: the supported module ids.</summary>
    public const string CapabilityModuleDetail = "CAPABILITY_MODULE";

    /// <summary>Detail of UNSUPPORTED_TARGETING_EXPRESSION: preferred scopes (listed before the allowed ones).</summary>
    public const string PreferredScopeDetail = "PREFERRED_SCOPE";

    /// <summary>Detail of UNSUPPORTED_TARGETING_EXPRESSION: allowed scopes.</summary>
    public const string AllowedScopeDetail = "ALLOWED_SCOPE";

    /// <summary>Detail of UNSUPPORTED_TARGETING_EXPRESSION_ID: the supported vocabulary ids.</summary>
    public const string TargetingExpressionIdDetail = "TARGETING_EXPRESSION_ID";
}
