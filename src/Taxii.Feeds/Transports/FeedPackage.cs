namespace Taxii.Feeds.Transports;

/// <summary>One finished package of a run, at most MaxBlobSize bytes.</summary>
public sealed record FeedPackage(
    int Sequence,
    string FileName,
    string Binding,
    string MediaType,
    bool IsXml,
    ReadOnlyMemory<byte> Content,
    byte[] Sha256,
    int EntityCount);
