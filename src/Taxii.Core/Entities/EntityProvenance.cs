namespace Taxii.Core.Entities;

/// <summary>
/// Who brings the entities of one store call: the incoming feed whose run (or upload) read them, and the user who added
/// or uploaded them (its groups are taken as they are at that moment). Both may be set (an upload to an incoming feed),
/// or neither (a benchmark, a migration).
/// </summary>
public sealed record EntityProvenance(int? IncomingFeedId = null, int? UserId = null)
{
    public static readonly EntityProvenance None = new();

    public bool IsEmpty => IncomingFeedId is null && UserId is null;
}
