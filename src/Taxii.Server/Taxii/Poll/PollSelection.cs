using Taxii.Core.Collections;
using Taxii.Persistence.Stores;
using Taxii.Protocol.Query;

namespace Taxii.Server.Taxii.Poll;

/// <summary>The collection a poll reads, as the poll service sees it.</summary>
internal sealed record PollCollection(int Id, string Name, CollectionType Type, List<string> ContentBindings)
{
    public bool IsFeed => Type == CollectionType.DataFeed;
}

/// <summary>
/// What a poll (or a stored multi-part result) selects: a closed window of one collection, the binding filters and
/// the compiled query. <see cref="InclusiveEnd"/> is always set, so the selection never changes once made.
/// </summary>
internal sealed record PollSelection(
    PollCollection Collection,
    DateTimeOffset? ExclusiveBegin,
    DateTimeOffset InclusiveEnd,
    IReadOnlyList<string> ContentBindings,
    DefaultQueryMatcher? Matcher)
{
    public ContentWindow Window => new(Collection.Id)
    {
        ExclusiveBegin = ExclusiveBegin,
        InclusiveEnd = InclusiveEnd,
        ContentBindings = ContentBindings,
    };
}
