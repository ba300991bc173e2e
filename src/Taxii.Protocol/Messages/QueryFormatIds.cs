namespace Taxii.Protocol.Messages;

/// <summary>Query format IDs.</summary>
public static class QueryFormatIds
{
    public const string DefaultQuery10 = "urn:taxii.mitre.org:query:default:1.0";
}
