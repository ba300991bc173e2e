namespace Taxii.Protocol.Query;

/// <summary>Identifiers of the TAXII Default Query 1.0 format ([Q] §1.1, §3.1.1).</summary>
public static class DefaultQueryNames
{
    /// <summary>The query format id, carried in <c>Query/@format_id</c> and <c>Supported_Query/@format_id</c>.</summary>
    public const string FormatId = "urn:taxii.mitre.org:query:default:1.0";

    /// <summary>The XML namespace of <c>Default_Query</c> and <c>Default_Query_Info</c>.</summary>
    public const string Namespace = "http://taxii.mitre.org/query/taxii_default_query-1";

    /// <summary>The prefix used by [Q] and the samples.</summary>
    public const string Prefix = "tdq";
}
