namespace Taxii.Protocol.Messages;

/// <summary>The TAXII version of a message on the wire; the model itself is version-neutral (named in 1.1 terms).</summary>
public enum TaxiiVersion
{
    /// <summary>TAXII 1.0, namespace <c>http://taxii.mitre.org/messages/taxii_xml_binding-1</c>.</summary>
    V10,

    /// <summary>TAXII 1.1, namespace <c>http://taxii.mitre.org/messages/taxii_xml_binding-1.1</c>.</summary>
    V11,
}
