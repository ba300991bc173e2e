namespace Taxii.Protocol.Messages;

/// <summary>TAXII services version IDs (X-TAXII-Services, Service_Instance service_version).</summary>
public static class ServicesIds
{
    public const string V10 = "urn:taxii.mitre.org:services:1.0";
    public const string V11 = "urn:taxii.mitre.org:services:1.1";

    public static string For(TaxiiVersion version) => version == TaxiiVersion.V10 ? V10 : V11;
}
