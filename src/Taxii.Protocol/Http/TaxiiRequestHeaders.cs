namespace Taxii.Protocol.Http;

/// <summary>The request headers the TAXII HTTP binding governs, as received (null = absent).</summary>
public sealed record TaxiiRequestHeaders(
    string? ContentType,
    string? TaxiiContentType,
    string? TaxiiServices,
    string? TaxiiProtocol,
    string? TaxiiAccept = null,
    string? Accept = null);
