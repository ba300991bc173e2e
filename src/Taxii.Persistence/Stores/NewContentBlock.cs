namespace Taxii.Persistence.Stores;

/// <summary>
/// A block to append to a collection. <paramref name="Content"/> is kept verbatim; <paramref name="IsXml"/> says it is
/// an XML fragment (written back as markup) rather than text (written back escaped, such as JSON).
/// </summary>
public sealed record NewContentBlock(
    int CollectionId,
    byte[] Content,
    string ContentBinding,
    string? ContentSubtype,
    string? Message,
    bool IsXml);
