namespace Taxii.Persistence.Stores;

/// <summary>
/// A block to append to a collection. <paramref name="Content"/> is kept verbatim; <paramref name="IsXml"/> says it is
/// an XML fragment (written back as markup) rather than text (written back escaped, such as JSON). XML content must be
/// a fragment the protocol codec has checked (as the inbox's is): polls write it back verbatim without parsing it again.
/// <paramref name="SenderUserId"/> is the user who pushed it into an inbox, for incoming feeds bound to the collection.
/// </summary>
public sealed record NewContentBlock(
    int CollectionId,
    byte[] Content,
    string ContentBinding,
    string? ContentSubtype,
    string? Message,
    bool IsXml,
    int? SenderUserId = null);
