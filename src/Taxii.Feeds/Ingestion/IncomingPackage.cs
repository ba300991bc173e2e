namespace Taxii.Feeds.Ingestion;

/// <summary>
/// One package offered to the ingestion pipeline. <paramref name="KnownSize"/> (a file's length, an upload's
/// Content-Length) lets a package over MaxBlobSize be refused before it is opened; without it the pipeline reads at
/// most MaxBlobSize + 1 bytes and refuses the package there.
/// </summary>
/// <param name="Reference">Which package, for the run record: a file path, a content block, an upload's file name.</param>
/// <param name="Binding">Its TAXII content binding or media type, for content-type detection; null when unknown.</param>
public sealed record IncomingPackage(string Reference, string? Binding, long? KnownSize, Func<CancellationToken, Task<Stream>> OpenAsync)
{
    /// <summary>The user who uploaded or pushed it, when one did: recorded in its entities' provenance with the user's groups.</summary>
    public int? SenderUserId { get; init; }

    /// <summary>A package already in memory (a polled content block).</summary>
    public static IncomingPackage FromBytes(string reference, string? binding, ReadOnlyMemory<byte> content) =>
        new(reference, binding, content.Length, _ => Task.FromResult<Stream>(new MemoryStream(content.ToArray(), writable: false)));
}
