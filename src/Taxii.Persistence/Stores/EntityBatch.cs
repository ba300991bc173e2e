using Taxii.Core.Entities;

namespace Taxii.Persistence.Stores;

/// <summary>
/// One <see cref="EntityStore.UpsertAsync"/> call worked out in memory: which stored entity each input is, and what must
/// be written. Inputs are taken in order, as if stored one after the other, against the dataset's entities that share an
/// external id or (for inputs without one) a content hash with them; an entity written twice is written once, as last given.
/// </summary>
internal sealed class EntityBatch
{
    private readonly IReadOnlyList<NewEntity> _inputs;
    private readonly byte[][] _hashes;
    private readonly Dictionary<string, Row> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Row>> _byHash = new(StringComparer.Ordinal);
    private readonly Row[] _rows;
    private readonly EntityUpsertOutcome[] _outcomes;
    private readonly List<Row> _written = [];

    public EntityBatch(IReadOnlyList<NewEntity> inputs)
    {
        _inputs = inputs;
        _hashes = [.. inputs.Select(EntityHashing.Hash)];
        _rows = new Row[inputs.Count];
        _outcomes = new EntityUpsertOutcome[inputs.Count];
    }

    /// <summary>The external ids the inputs name: a stored entity with one of them is that input's entity.</summary>
    public string[] ExternalIds => [.. _inputs.Where(e => e.ExternalId is not null).Select(e => e.ExternalId!).Distinct(StringComparer.Ordinal)];

    /// <summary>The content hashes of the inputs without an external id: only those are matched by content.</summary>
    public byte[][] AnonymousHashes => [.. _hashes.Where((_, i) => _inputs[i].ExternalId is null).DistinctBy(Convert.ToHexString)];

    /// <summary>The entities to insert or update, each once with its last content, in the order they were first met.</summary>
    public IReadOnlyList<Row> Written => _written;

    /// <summary>The inputs that created or changed an entity (their observables are upserted; an unchanged input's already were).</summary>
    public IEnumerable<NewEntity> Applied => _inputs.Where((_, i) => _outcomes[i] != EntityUpsertOutcome.Unchanged);

    /// <summary>A stored entity of the dataset, in ascending id order (the lowest id wins a content match).</summary>
    public void AddStored(long id, string externalId, byte[] hash, bool provenanceKnown)
    {
        var row = new Row(externalId) { Id = id, Exists = true, Hash = hash, ProvenanceKnown = provenanceKnown };
        _byId[externalId] = row;
        RowsWithHash(hash).Add(row);
    }

    public void Resolve(Func<EntityType, string> newExternalId)
    {
        for (var i = 0; i < _inputs.Count; i++)
        {
            var input = _inputs[i];
            var hash = _hashes[i];
            if (input.ExternalId is { } externalId && _byId.TryGetValue(externalId, out var known))
            {
                var changed = !known.Hash.AsSpan().SequenceEqual(hash);
                if (changed)
                {
                    Apply(known, input, hash);
                }

                (_rows[i], _outcomes[i]) = (known, changed ? EntityUpsertOutcome.Updated : EntityUpsertOutcome.Unchanged);
                continue;
            }

            if (input.ExternalId is null && FindByHash(hash) is { } same)
            {
                (_rows[i], _outcomes[i]) = (same, EntityUpsertOutcome.Unchanged);
                continue;
            }

            var created = new Row(input.ExternalId ?? newExternalId(input.Type)) { Hash = hash };
            _byId[created.ExternalId] = created;
            Apply(created, input, hash);
            (_rows[i], _outcomes[i]) = (created, EntityUpsertOutcome.Created);
        }
    }

    /// <summary>
    /// Stored entities this call leaves unchanged but whose provenance lacks this call's feed, user or one of the user's
    /// groups: only their provenance is written. Created and changed entities get theirs with their own write.
    /// </summary>
    public long[] UnchangedWithoutProvenance() =>
        [.. _rows.Where(r => r is { Exists: true, Content: null, ProvenanceKnown: false }).Select(r => r.Id).Distinct()];

    /// <summary>One result per input, in input order; call once the written rows have their ids.</summary>
    public IReadOnlyList<EntityUpsert> Results() =>
        [.. _rows.Select((row, i) => new EntityUpsert(row.Id, row.ExternalId, _outcomes[i]))];

    private void Apply(Row row, NewEntity input, byte[] hash)
    {
        if (row.Content is null)
        {
            _written.Add(row);
        }

        row.Content = input;
        row.Hash = hash;
        row.RawContentBlockId = input.RawContentBlockId ?? row.RawContentBlockId;
        RowsWithHash(hash).Add(row);
    }

    // an entity updated earlier in the batch stays in its old hash's list but no longer matches it
    private Row? FindByHash(byte[] hash) =>
        _byHash.TryGetValue(Convert.ToHexString(hash), out var rows) ? rows.Find(r => r.Hash.AsSpan().SequenceEqual(hash)) : null;

    private List<Row> RowsWithHash(byte[] hash)
    {
        var key = Convert.ToHexString(hash);
        if (!_byHash.TryGetValue(key, out var rows))
        {
            _byHash[key] = rows = [];
        }

        return rows;
    }

    internal sealed class Row(string externalId)
    {
        public string ExternalId { get; } = externalId;

        /// <summary>The stored entity's id; for a new one, set from the insert.</summary>
        public long Id { get; set; }

        /// <summary>Stored before this call (an update), not created by it.</summary>
        public bool Exists { get; init; }

        public byte[] Hash { get; set; } = [];

        /// <summary>The content to write; null while the entity is unchanged.</summary>
        public NewEntity? Content { get; set; }

        /// <summary>Its stored provenance already holds this call's (see <see cref="EntityStore"/>); false for a new entity.</summary>
        public bool ProvenanceKnown { get; init; }

        /// <summary>The last content block named for it in this call; null keeps the stored one.</summary>
        public long? RawContentBlockId { get; set; }
    }
}
