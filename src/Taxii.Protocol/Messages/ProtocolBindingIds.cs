namespace Taxii.Protocol.Messages;

/// <summary>TAXII HTTP protocol binding IDs (the same HTTP binding 1.0 serves TAXII 1.0 and 1.1).</summary>
public static class ProtocolBindingIds
{
    public const string Http10 = "urn:taxii.mitre.org:protocol:http:1.0";
    public const string Https10 = "urn:taxii.mitre.org:protocol:https:1.0";
}
