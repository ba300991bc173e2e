namespace Taxii.Protocol.Http;

/// <summary>Header names and fixed values of the TAXII HTTP Protocol Binding 1.0.</summary>
public static class TaxiiHttpHeaders
{
    public const string ContentType = "X-TAXII-Content-Type";
    public const string Services = "X-TAXII-Services";
    public const string Protocol = "X-TAXII-Protocol";
    public const string Accept = "X-TAXII-Accept";

    /// <summary>The HTTP Content-Type every response with an XML TAXII body carries.</summary>
    public const string XmlMediaType = "application/xml";
}
