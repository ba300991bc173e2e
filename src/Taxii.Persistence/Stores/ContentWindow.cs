namespace Taxii.Persistence.Stores;

/// <summary>
/// Which blocks of one collection to read: ExclusiveBegin &lt; label ≤ InclusiveEnd (a missing bound is unbounded),
/// strictly after the keyset cursor <see cref="After"/> and up to <see cref="UpTo"/> inclusive, whose binding passes
/// <see cref="ContentBindings"/> (<see cref="Core.Collections.ContentBindingFilter"/> strings; empty = all), at most
/// <see cref="Limit"/> of them.
/// </summary>
public sealed record ContentWindow(int CollectionId)
{
    public DateTimeOffset? ExclusiveBegin { get; init; }

    public DateTimeOffset? InclusiveEnd { get; init; }

    public KeysetPosition? After { get; init; }

    public KeysetPosition? UpTo { get; init; }

    public IReadOnlyList<string> ContentBindings { get; init; } = [];

    public int? Limit { get; init; }
}
