namespace Taxii.Protocol.Messages;

/// <summary>TAXII XML message binding IDs.</summary>
public static class MessageBindingIds
{
    public const string Xml10 = "urn:taxii.mitre.org:message:xml:1.0";
    public const string Xml11 = "urn:taxii.mitre.org:message:xml:1.1";

    public static string For(TaxiiVersion version) => version == TaxiiVersion.V10 ? Xml10 : Xml11;
}
