using Npgsql;
using NpgsqlTypes;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;

namespace Taxii.Feeds.Publishing;

/// <summary>
/// An outgoing feed's filter as SQL over <c>entities e</c>: one predicate shared by the selection, the removal scan and
/// the snapshot of what was published, so the three always agree on what the feed publishes.
/// </summary>
internal sealed class FeedSelection
{
    private readonly int[] _datasetIds;
    private readonly int[] _incomingFeedIds;
    private readonly int[] _sourceGroupIds;
    private readonly int[] _readableDatasetIds;
    private readonly string[] _tlps;
    private readonly char? _minReliability;
    private readonly string[] _kinds;
    private readonly DateTimeOffset? _from;
    private readonly DateTimeOffset? _until;

    /// <param name="readableDatasetIds">The datasets the feed's owner may read: incoming feed and group sources publish only from these.</param>
    public FeedSelection(OutgoingFeed feed, IReadOnlyList<int> readableDatasetIds, IReadOnlyList<EntityType> typeOrder, DateTimeOffset runStart)
    {
        FeedId = feed.Id;
        _datasetIds = [.. feed.Datasets.Select(d => d.Id)];
        _incomingFeedIds = [.. feed.IncomingFeeds.Select(f => f.Id)];
        _sourceGroupIds = [.. feed.SourceGroups.Select(g => g.Id)];
        _readableDatasetIds = [.. readableDatasetIds];
        var filter = feed.Filter;
        Types = [.. typeOrder.Where(t => filter.EntityTypes.Count == 0 || filter.EntityTypes.Contains(t))];
        _tlps = [.. Enum.GetValues<Tlp>().Where(t => filter.MaxTlp is null || t <= filter.MaxTlp).Select(t => t.ToString())];
        _minReliability = filter.MinReliability is { } r ? char.ToUpperInvariant(r) : null;
        _kinds = [.. filter.ObservableKinds];
        _from = filter.From;
        if (filter.MaxAge is { } maxAge && (_from is null || runStart - maxAge > _from))
        {
            _from = runStart - maxAge;
        }

        _until = filter.Until;
    }

    public int FeedId { get; }

    /// <summary>The entity types the feed publishes, in the writer's order.</summary>
    public IReadOnlyList<EntityType> Types { get; }

    /// <summary>
    /// Entities of the feed's sources that pass its filter (the observable kinds criterion included). One predicate over
    /// <c>entities e</c>, so an entity several sources hold is selected once: those of its datasets, and, in datasets the
    /// owner may read, those its incoming feeds brought or members of its source groups added or uploaded.
    /// </summary>
    public string Predicate =>
        """
        (e.dataset_id = ANY(@datasets)
         OR e.dataset_id = ANY(@readable_datasets) AND (
            EXISTS (SELECT 1 FROM entity_incoming_feeds pf WHERE pf.entity_id = e.id AND pf.incoming_feed_id = ANY(@incoming_feeds))
            OR EXISTS (SELECT 1 FROM entity_contributor_groups pg WHERE pg.entity_id = e.id AND pg.group_id = ANY(@source_groups))))
        AND (e.tlp IS NULL OR e.tlp = ANY(@tlps))
        AND (@min_reliability::character(1) IS NULL OR e.reliability IS NULL OR e.reliability <= @min_reliability::character(1))
        AND (@from::timestamptz IS NULL OR coalesce(e.valid_from, e.created_at) >= @from::timestamptz)
        AND (@until::timestamptz IS NULL OR coalesce(e.valid_from, e.created_at) <= @until::timestamptz)
        AND (cardinality(@kinds) = 0 OR EXISTS (
            SELECT 1 FROM entity_observables eo JOIN observables o ON o.id = eo.observables_id
            WHERE eo.entities_id = e.id AND o.kind = ANY(@kinds)))
        """;

    /// <summary>The observables of <c>e</c> a feed writes: all of them, or those of the filter's kinds.</summary>
    public static string ObservableKindPredicate => "(cardinality(@kinds) = 0 OR o.kind = ANY(@kinds))";

    public void AddParameters(NpgsqlCommand command)
    {
        command.Parameters.Add(new NpgsqlParameter("feed", NpgsqlDbType.Integer) { Value = FeedId });
        command.Parameters.Add(new NpgsqlParameter("datasets", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = _datasetIds });
        command.Parameters.Add(new NpgsqlParameter("readable_datasets", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = _readableDatasetIds });
        command.Parameters.Add(new NpgsqlParameter("incoming_feeds", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = _incomingFeedIds });
        command.Parameters.Add(new NpgsqlParameter("source_groups", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = _sourceGroupIds });
        command.Parameters.Add(new NpgsqlParameter("tlps", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = _tlps });
        command.Parameters.Add(new NpgsqlParameter("min_reliability", NpgsqlDbType.Char) { Value = _minReliability is { } c ? c.ToString() : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = _kinds });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = _from is { } f ? f.ToUniversalTime() : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("until", NpgsqlDbType.TimestampTz) { Value = _until is { } u ? u.ToUniversalTime() : DBNull.Value });
    }
}
