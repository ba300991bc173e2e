using Taxii.Protocol.Internal;

namespace Taxii.Protocol.Xml.V11;

/// <summary>TAXII 1.1 XML binding namespace and its usual prefix.</summary>
internal static class Names
{
    public const string Namespace = "http://taxii.mitre.org/messages/taxii_xml_binding-1.1";
    public const string Prefix = "taxii_11";

    public static readonly XmlNs Ns = new(Prefix, Namespace);
}
