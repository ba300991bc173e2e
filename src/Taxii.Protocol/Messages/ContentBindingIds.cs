namespace Taxii.Protocol.Messages;

/// <summary>Content binding IDs from the TAXII Content Binding Reference v3, plus the few others we meet.</summary>
public static class ContentBindingIds
{
    public const string Stix10 = "urn:stix.mitre.org:xml:1.0";
    public const string Stix101 = "urn:stix.mitre.org:xml:1.0.1";
    public const string Stix11 = "urn:stix.mitre.org:xml:1.1";
    public const string Stix111 = "urn:stix.mitre.org:xml:1.1.1";

    /// <summary>Not in the reference v3; libtaxii's constant, following the reference's pattern.</summary>
    public const string Stix12 = "urn:stix.mitre.org:xml:1.2";
    public const string Cap11 = "urn:oasis:names:tc:emergency:cap:1.1";
    public const string Cap12 = "urn:oasis:names:tc:emergency:cap:1.2";
    public const string XmlEncryption = "http://www.w3.org/2001/04/xmlenc#";

    /// <summary>S/MIME as the reference spells it; advertise this one.</summary>
    public const string SMime = "application/pkcs7-mime";

    /// <summary>S/MIME as libtaxii spells it; accept it too.</summary>
    public const string SMimeLibTaxii = "application/x-pkcs7-mime";

    /// <summary>Generic XML (libtaxii's XML 1.0 / 1.1 bindings).</summary>
    public const string Xml10 = "urn:taxii.mitre.org:content:xml:1.0";
    public const string Xml11 = "urn:taxii.mitre.org:content:xml:1.1";

    /// <summary>EclecticIQ JSON content.</summary>
    public const string EclecticIqJson10 = "urn:eclecticiq.com:json:1.0";

    /// <summary>The separator of a nesting expression such as <c>http://www.w3.org/2001/04/xmlenc#|urn:stix.mitre.org:xml:1.1.1</c>.</summary>
    public const char NestingSeparator = '|';
}
