namespace Taxii.Protocol.Query;

/// <summary>The capability modules defined by [Q] §5.</summary>
public static class CapabilityModules
{
    /// <summary>Core: equality, numeric order, existence and substring tests.</summary>
    public const string Core = "urn:taxii.mitre.org:query:capability:core-1";

    /// <summary>Regular expression: <c>matches</c>.</summary>
    public const string Regex = "urn:taxii.mitre.org:query:capability:regex-1";

    /// <summary>Timestamp: comparisons of date-times.</summary>
    public const string Timestamp = "urn:taxii.mitre.org:query:capability:timestamp-1";
}
