namespace Taxii.Server.Admin.Collections;

/// <summary>What a group's members may do with a collection: read (poll, subscribe), write (inbox).</summary>
public sealed record CollectionGroupDto(int GroupId, bool CanRead, bool CanWrite);
