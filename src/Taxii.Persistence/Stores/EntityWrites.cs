using Npgsql;
using NpgsqlTypes;
using Taxii.Core.Entities;

namespace Taxii.Persistence.Stores;

/// <summary>
/// The write half of <see cref="EntityStore.UpsertAsync"/>: one batch (one round trip) of set-based statements over
/// array parameters, whatever the number of entities. Arrays rather than COPY: the entity insert must return the ids it
/// drew and the links must join them, which COPY can do only through a temporary table and more round trips.
/// </summary>
internal static class EntityWrites
{
    // observables first (the links join them by kind and value), then the old links of updated entities, then the
    // entities with their new links and relations in one statement: its CTEs see the ids the insert drew
    private const string UpsertEntities = """
        WITH e AS (
            INSERT INTO entities (dataset_id, external_id, type, title, description, tlp, reliability, valid_from, sources, data,
                                  content_hash, raw_content_block_id, created_at, updated_at)
            SELECT $1, t.external_id, t.type, t.title, t.description, t.tlp, t.reliability, t.valid_from,
                   ($15::text[])[t.sources_from : t.sources_from + t.sources_count - 1], t.data::jsonb,
                   t.content_hash, t.raw_content_block_id, $2, $2
            FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::integer[],
                        $11::integer[], $12::text[], $13::bytea[], $14::bigint[]) WITH ORDINALITY
                 AS t(external_id, type, title, description, tlp, reliability, valid_from, sources_from, sources_count, data,
                      content_hash, raw_content_block_id, ordinal)
            ORDER BY t.ordinal
            ON CONFLICT (dataset_id, external_id) DO UPDATE SET
                type = excluded.type, title = excluded.title, description = excluded.description, tlp = excluded.tlp,
                reliability = excluded.reliability, valid_from = excluded.valid_from, sources = excluded.sources,
                data = excluded.data, content_hash = excluded.content_hash,
                raw_content_block_id = coalesce(excluded.raw_content_block_id, entities.raw_content_block_id),
                updated_at = excluded.updated_at
            RETURNING id, external_id
        ),
        links AS (
            INSERT INTO entity_observables (entities_id, observables_id)
            SELECT e.id, o.id FROM unnest($16::text[], $17::text[], $18::text[]) AS l(external_id, kind, value)
            JOIN e ON e.external_id = l.external_id
            JOIN observables o ON o.kind = l.kind AND o.value = l.value
        ),
        relations AS (
            INSERT INTO entity_relations (entity_id, type, target_external_id)
            SELECT e.id, r.type, r.target FROM unnest($19::text[], $20::text[], $21::text[]) AS r(external_id, type, target)
            JOIN e ON e.external_id = r.external_id
        )
        SELECT id, external_id FROM e
        """;

    /// <summary>The upsert with the provenance inserts as further CTEs of the same statement.</summary>
    private static readonly string UpsertEntitiesWithProvenance = UpsertEntities.Replace(
        "\nSELECT id, external_id FROM e", ",\n" + ProvenanceCtes("SELECT id FROM e UNION SELECT unnest($22::bigint[])", 23) + "\nSELECT id, external_id FROM e",
        StringComparison.Ordinal);

    private static readonly string ProvenanceOnly = "WITH " + ProvenanceCtes("SELECT unnest($1::bigint[]) AS id", 2) + "\nSELECT 1";

    /// <summary>Only the provenance of entities left unchanged: one statement, for a call that writes no entity.</summary>
    public static async Task WriteProvenanceAsync(NpgsqlConnection connection, EntityProvenance provenance, long[] entityIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ProvenanceOnly, connection);
        command.Parameters.AddRange(ProvenanceParameters(provenance, entityIds));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Provenance CTEs over the entity ids <paramref name="ids"/> selects: the feed (parameter <paramref name="feed"/>), the
    /// user (the next one), and the user's groups as they are now. ON CONFLICT: an updated entity may have had them already.
    /// </summary>
    private static string ProvenanceCtes(string ids, int feed) => $"""
        provenance_ids AS ({ids}),
        provenance_feed AS (
            INSERT INTO entity_incoming_feeds (entity_id, incoming_feed_id)
            SELECT id, ${feed} FROM provenance_ids WHERE ${feed}::integer IS NOT NULL
            ON CONFLICT DO NOTHING
        ),
        provenance_user AS (
            INSERT INTO entity_contributors (entity_id, user_id)
            SELECT id, ${feed + 1} FROM provenance_ids WHERE ${feed + 1}::integer IS NOT NULL
            ON CONFLICT DO NOTHING
        ),
        provenance_groups AS (
            INSERT INTO entity_contributor_groups (entity_id, group_id)
            SELECT p.id, m.group_id FROM provenance_ids p JOIN group_memberships m ON m.user_id = ${feed + 1}
            ON CONFLICT DO NOTHING
        )
        """;

    /// <summary>The unchanged entity ids, the feed and the user, in the order <see cref="ProvenanceCtes"/> numbers them.</summary>
    private static NpgsqlParameter[] ProvenanceParameters(EntityProvenance provenance, long[] unchanged) =>
    [
        new() { Value = unchanged, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
        new() { Value = (object?)provenance.IncomingFeedId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
        new() { Value = (object?)provenance.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
    ];

    /// <summary>Inserts the batch's new entities, updates its changed ones (created_at kept), and sets their links exactly.</summary>
    public static async Task WriteAsync(
        NpgsqlConnection connection, int datasetId, EntityBatch batch, EntityProvenance provenance, long[] unchangedWithoutProvenance,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var write = new NpgsqlBatch(connection);
        if (UpsertObservables(batch.Applied, now) is { } observables)
        {
            write.BatchCommands.Add(observables);
        }

        var updated = batch.Written.Where(r => r.Exists).Select(r => r.Id).ToArray();
        if (updated.Length > 0)
        {
            // replaced rather than diffed: the links are exactly the new content's, whatever was there
            write.BatchCommands.Add(Command("DELETE FROM entity_observables WHERE entities_id = ANY($1)", updated));
            write.BatchCommands.Add(Command("DELETE FROM entity_relations WHERE entity_id = ANY($1)", updated));
        }

        var entities = Entities(datasetId, batch.Written, now);
        if (!provenance.IsEmpty)
        {
            entities.CommandText = UpsertEntitiesWithProvenance;
            entities.Parameters.AddRange(ProvenanceParameters(provenance, unchangedWithoutProvenance));
        }

        write.BatchCommands.Add(entities);
        var ids = new Dictionary<string, long>(batch.Written.Count, StringComparer.Ordinal);
        await using (var reader = await write.ExecuteReaderAsync(cancellationToken))
        {
            // only the last statement returns rows
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids[reader.GetString(1)] = reader.GetInt64(0);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        foreach (var row in batch.Written)
        {
            row.Id = ids[row.ExternalId];
        }
    }

    /// <summary>
    /// One statement for all observables: inserted when new, maliciousness raised when the new value is higher.
    /// Safe against concurrent writers (ON CONFLICT), and no per-row round trips. Sorted by (kind, value), so two writers
    /// sharing observables lock their rows in the same order and cannot deadlock on them.
    /// </summary>
    private static NpgsqlBatchCommand? UpsertObservables(IEnumerable<NewEntity> applied, DateTimeOffset now)
    {
        var distinct = applied.SelectMany(e => e.Observables ?? [])
            .GroupBy(o => (o.Kind, o.Value))
            .Select(g => g.MaxBy(o => o.Maliciousness)!)
            .OrderBy(o => o.Kind, StringComparer.Ordinal).ThenBy(o => o.Value, StringComparer.Ordinal)
            .ToList();
        if (distinct.Count == 0)
        {
            return null;
        }

        return new NpgsqlBatchCommand("""
            INSERT INTO observables (kind, value, maliciousness, created_at)
            SELECT k, v, m, $4 FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(k, v, m, n) ORDER BY n
            ON CONFLICT (kind, value) DO UPDATE SET maliciousness = CASE
                WHEN array_position(ARRAY['Unknown','Safe','Low','Medium','High'], excluded.maliciousness)
                   > array_position(ARRAY['Unknown','Safe','Low','Medium','High'], observables.maliciousness)
                THEN excluded.maliciousness ELSE observables.maliciousness END
            """)
        {
            Parameters =
            {
                new() { Value = distinct.Select(o => o.Kind).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = distinct.Select(o => o.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = distinct.Select(o => o.Maliciousness.ToString()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            },
        };
    }

    private static NpgsqlBatchCommand Entities(int datasetId, IReadOnlyList<EntityBatch.Row> rows, DateTimeOffset now)
    {
        var count = rows.Count;
        var externalIds = new string[count];
        var types = new string[count];
        var titles = new string?[count];
        var descriptions = new string?[count];
        var tlps = new string?[count];
        var reliabilities = new string?[count];
        var validFroms = new DateTimeOffset?[count];
        var sourcesFrom = new int[count];
        var sourcesCount = new int[count];
        var data = new string?[count];
        var hashes = new byte[count][];
        var raw = new long?[count];
        // text[] per row cannot travel in an array of rows (PostgreSQL arrays are not jagged): one flat array, sliced per row
        var sources = new List<string>();
        var (linkIds, linkKinds, linkValues) = (new List<string>(), new List<string>(), new List<string>());
        var (relationIds, relationTypes, relationTargets) = (new List<string>(), new List<string>(), new List<string>());
        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            var content = row.Content ?? throw new InvalidOperationException("Only changed entities are written");
            externalIds[i] = row.ExternalId;
            types[i] = content.Type.ToString();
            titles[i] = content.Title;
            descriptions[i] = content.Description;
            tlps[i] = content.Tlp?.ToString();
            reliabilities[i] = content.Reliability?.ToString();
            validFroms[i] = content.ValidFrom?.ToUniversalTime();
            sourcesFrom[i] = sources.Count + 1;
            sourcesCount[i] = content.Sources?.Count ?? 0;
            sources.AddRange(content.Sources ?? []);
            data[i] = content.Data;
            hashes[i] = row.Hash;
            raw[i] = row.RawContentBlockId;
            foreach (var (kind, value) in (content.Observables ?? []).Select(o => (o.Kind, o.Value)).Distinct())
            {
                linkIds.Add(row.ExternalId);
                linkKinds.Add(kind);
                linkValues.Add(value);
            }

            foreach (var relation in (content.Relations ?? []).Distinct())
            {
                relationIds.Add(row.ExternalId);
                relationTypes.Add(relation.Type);
                relationTargets.Add(relation.TargetExternalId);
            }
        }

        return new NpgsqlBatchCommand(UpsertEntities)
        {
            Parameters =
            {
                new() { Value = datasetId }, new() { Value = now },
                new() { Value = externalIds }, new() { Value = types }, new() { Value = titles }, new() { Value = descriptions },
                new() { Value = tlps }, new() { Value = reliabilities }, new() { Value = validFroms }, new() { Value = sourcesFrom },
                new() { Value = sourcesCount }, new() { Value = data }, new() { Value = hashes }, new() { Value = raw },
                new() { Value = sources.ToArray() },
                new() { Value = linkIds.ToArray() }, new() { Value = linkKinds.ToArray() }, new() { Value = linkValues.ToArray() },
                new() { Value = relationIds.ToArray() }, new() { Value = relationTypes.ToArray() }, new() { Value = relationTargets.ToArray() },
            },
        };
    }

    private static NpgsqlBatchCommand Command(string sql, long[] ids) => new(sql) { Parameters = { new() { Value = ids } } };
}
