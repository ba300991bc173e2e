namespace Taxii.Persistence.Stores;

/// <summary>
/// One block as <see cref="ContentStore.ReadAsync(ContentWindow, CancellationToken)"/> streams it, in keyset order
/// (label, id). From <see cref="ContentStore.StreamAsync"/>, <see cref="Content"/> is valid only until the next block.
/// </summary>
public sealed record StoredContent(
    long Id,
    DateTimeOffset TimestampLabel,
    string ContentBinding,
    string? ContentSubtype,
    string? Message,
    bool IsXml,
    ReadOnlyMemory<byte> Content)
{
    public KeysetPosition Position => new(TimestampLabel, Id);
}
