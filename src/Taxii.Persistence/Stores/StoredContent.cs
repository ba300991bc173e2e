namespace Taxii.Persistence.Stores;

/// <summary>One block as <see cref="ContentStore.ReadAsync"/> streams it, in keyset order (label, id).</summary>
public sealed record StoredContent(
    long Id,
    DateTimeOffset TimestampLabel,
    string ContentBinding,
    string? ContentSubtype,
    string? Message,
    bool IsXml,
    byte[] Content)
{
    public KeysetPosition Position => new(TimestampLabel, Id);
}
