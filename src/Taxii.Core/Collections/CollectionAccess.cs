using Taxii.Core.Security;

namespace Taxii.Core.Collections;

/// <summary>What members of a group may do with a collection: read (poll, subscribe) and write (inbox).</summary>
public sealed class CollectionAccess
{
    public int CollectionId { get; set; }

    public int GroupId { get; set; }

    public Group? Group { get; set; }

    public bool CanRead { get; set; }

    public bool CanWrite { get; set; }
}
