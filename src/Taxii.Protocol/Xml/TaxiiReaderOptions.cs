namespace Taxii.Protocol.Xml;

/// <summary>Bounds for reading untrusted TAXII messages; the defaults suit a server facing the internet.</summary>
public sealed record TaxiiReaderOptions
{
    public static TaxiiReaderOptions Default { get; } = new();

    /// <summary>Characters in the whole document; the caller sets it from its request-size limit. Default 100 Mi.</summary>
    public long MaxCharactersInDocument { get; init; } = 100L * 1024 * 1024;

    /// <summary>Depth of the TAXII envelope; the deepest legal 1.1 message nests 6 levels, so 64 is generous.</summary>
    public int MaxEnvelopeDepth { get; init; } = 64;

    /// <summary>Element depth inside a Content, Query or Extended_Header; STIX rarely exceeds 30.</summary>
    public int MaxContentDepth { get; init; } = 256;

    /// <summary>Length of an attribute of the envelope (IDs, names, URIs); a longer one is refused.</summary>
    public int MaxEnvelopeAttributeLength { get; init; } = 64 * 1024;
}
