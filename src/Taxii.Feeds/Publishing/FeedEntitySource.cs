using System.Data;
using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Publishing;

/// <summary>
/// Streams what a run publishes from PostgreSQL, in keyset batches per entity type, inside one REPEATABLE READ
/// transaction: the changes written and the snapshot of what was published (saved at the end, in the same
/// transaction) come from the same view of the data, whatever is written to the datasets meanwhile.
/// </summary>
internal sealed class FeedEntitySource(NpgsqlConnection connection, NpgsqlTransaction transaction, FeedSelection selection, UpdateStrategy strategy)
{
    private const int BatchSize = 500;

    /// <summary>
    /// Adds (all of them, or only new and changed ones), and removals for Diff, in the order the writer needs them
    /// (<see cref="ContentWriters.ChangeOrder"/>: by section, then type). Removals cover every type, since a type the
    /// filter no longer lets through has had everything it published removed.
    /// </summary>
    public async IAsyncEnumerable<FeedChange> ReadAsync(IContentWriter writer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (kind, type) in ContentWriters.ChangeOrder(writer, strategy == UpdateStrategy.Diff))
        {
            if (kind == FeedChangeKind.Add && !selection.Types.Contains(type))
            {
                continue;
            }

            var entities = kind == FeedChangeKind.Add ? ReadAddsAsync(type, cancellationToken) : ReadRemovalsAsync(type, cancellationToken);
            await foreach (var entity in entities)
            {
                yield return new FeedChange(kind, entity);
            }
        }
    }

    /// <summary>Replaces the feed's record of what it published with what this run's selection holds.</summary>
    public async Task SaveSnapshotAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(
            $"""
            DELETE FROM outgoing_feed_items WHERE feed_id = @feed;
            INSERT INTO outgoing_feed_items (feed_id, entity_id, external_id, type, content_hash, observables)
            SELECT @feed, e.id, e.external_id, e.type, e.content_hash, coalesce((
                SELECT array_agg(o.kind || chr(31) || o.value ORDER BY o.kind, o.value)
                FROM entity_observables eo JOIN observables o ON o.id = eo.observables_id
                WHERE eo.entities_id = e.id AND {FeedSelection.ObservableKindPredicate}), ARRAY[]::text[])
            FROM entities e
            WHERE e.type = ANY(@types) AND {selection.Predicate}
            """);
        command.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = selection.Types.Select(t => t.ToString()).ToArray() });
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private IAsyncEnumerable<FeedEntity> ReadAddsAsync(EntityType type, CancellationToken cancellationToken)
    {
        // Append and Diff skip what the last successful run published unchanged (same entity, same content hash)
        var unpublished = strategy == UpdateStrategy.Replace ? string.Empty :
            "AND NOT EXISTS (SELECT 1 FROM outgoing_feed_items i WHERE i.feed_id = @feed AND i.entity_id = e.id AND i.content_hash = e.content_hash)";
        var sql = $"""
            SELECT e.id, e.external_id, e.title, e.description, e.tlp, e.reliability, e.valid_from, e.sources, e.data::text,
                   e.created_at, e.updated_at, d.name, obs.kinds, obs.vals, obs.mal, obs.firsts, rel.types, rel.targets
            FROM entities e
            JOIN datasets d ON d.id = e.dataset_id
            LEFT JOIN LATERAL (
                SELECT array_agg(o.kind ORDER BY o.kind, o.value) AS kinds, array_agg(o.value ORDER BY o.kind, o.value) AS vals,
                       array_agg(o.maliciousness ORDER BY o.kind, o.value) AS mal, array_agg(o.created_at ORDER BY o.kind, o.value) AS firsts
                FROM entity_observables eo JOIN observables o ON o.id = eo.observables_id
                WHERE eo.entities_id = e.id AND {FeedSelection.ObservableKindPredicate}) obs ON true
            LEFT JOIN LATERAL (
                SELECT array_agg(r.type ORDER BY r.type, r.target_external_id) AS types,
                       array_agg(r.target_external_id ORDER BY r.type, r.target_external_id) AS targets
                FROM entity_relations r WHERE r.entity_id = e.id) rel ON true
            WHERE e.type = @type AND e.id > @after AND {selection.Predicate} {unpublished}
            ORDER BY e.id
            LIMIT {BatchSize}
            """;
        return ReadBatchesAsync(sql, type, reader => ReadEntity(reader, type), cancellationToken);
    }

    private IAsyncEnumerable<FeedEntity> ReadRemovalsAsync(EntityType type, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT i.entity_id, i.external_id, i.observables
            FROM outgoing_feed_items i
            WHERE i.feed_id = @feed AND i.type = @type AND i.entity_id > @after
              AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = i.entity_id AND e.type = @type AND e.type = ANY(@types) AND {selection.Predicate})
            ORDER BY i.entity_id
            LIMIT {BatchSize}
            """;
        return ReadBatchesAsync(sql, type, reader =>
        {
            var observables = reader.GetFieldValue<string[]>(2).Select(o => o.Split('\u001F', 2))
                .Select(p => new FeedObservable(p[0], p.Length > 1 ? p[1] : string.Empty, Maliciousness.Unknown, null)).ToList();
            return new FeedEntity(reader.GetString(1), type, null, null, null, null, null, [], null, null, null, null, observables, []);
        }, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (ordered by a bigint key in its first column, <c>@after</c> exclusive, <c>LIMIT</c>
    /// <see cref="BatchSize"/>) batch after batch. Each batch is read whole before it is handed on: the connection is
    /// free for the next one, and a slow transport holds no open cursor.
    /// </summary>
    private async IAsyncEnumerable<FeedEntity> ReadBatchesAsync(string sql, EntityType type, Func<NpgsqlDataReader, FeedEntity> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0L;
        while (true)
        {
            var batch = new List<FeedEntity>(BatchSize);
            await using (var command = Command(sql))
            {
                command.Parameters.Add(new NpgsqlParameter("type", NpgsqlDbType.Text) { Value = type.ToString() });
                command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Bigint) { Value = after });
                command.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = selection.Types.Select(t => t.ToString()).ToArray() });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    after = reader.GetInt64(0);
                    batch.Add(read(reader));
                }
            }

            foreach (var entity in batch)
            {
                yield return entity;
            }

            if (batch.Count < BatchSize)
            {
                yield break;
            }
        }
    }

    private static FeedEntity ReadEntity(NpgsqlDataReader r, EntityType type)
    {
        var observables = new List<FeedObservable>();
        if (!r.IsDBNull(12))
        {
            var kinds = r.GetFieldValue<string[]>(12);
            var values = r.GetFieldValue<string[]>(13);
            var maliciousness = r.GetFieldValue<string[]>(14);
            var firsts = r.GetFieldValue<DateTime[]>(15);
            for (var i = 0; i < kinds.Length; i++)
            {
                observables.Add(new FeedObservable(kinds[i], values[i], Enum.Parse<Maliciousness>(maliciousness[i]), new DateTimeOffset(firsts[i], TimeSpan.Zero)));
            }
        }

        var relations = new List<NewRelation>();
        if (!r.IsDBNull(16))
        {
            var types = r.GetFieldValue<string[]>(16);
            var targets = r.GetFieldValue<string[]>(17);
            for (var i = 0; i < types.Length; i++)
            {
                relations.Add(new NewRelation(types[i], targets[i]));
            }
        }

        return new FeedEntity(
            ExternalId: r.GetString(1),
            Type: type,
            Title: r.IsDBNull(2) ? null : r.GetString(2),
            Description: r.IsDBNull(3) ? null : r.GetString(3),
            Tlp: r.IsDBNull(4) ? null : Enum.Parse<Tlp>(r.GetString(4)),
            Reliability: r.IsDBNull(5) ? null : r.GetString(5)[0],
            ValidFrom: r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6),
            Sources: r.GetFieldValue<string[]>(7),
            Data: r.IsDBNull(8) ? null : r.GetString(8),
            CreatedAt: r.GetFieldValue<DateTimeOffset>(9),
            UpdatedAt: r.GetFieldValue<DateTimeOffset>(10),
            DatasetName: r.GetString(11),
            Observables: observables,
            Relations: relations);
    }

    private NpgsqlCommand Command(string sql)
    {
        // a batch is one index range, but a busy database may take longer than Npgsql's default 30 s
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = (int)TimeSpan.FromMinutes(10).TotalSeconds };
        selection.AddParameters(command);
        return command;
    }

    /// <summary>
    /// Analyzes the tables a run reads when much of them changed since their statistics were taken: right after a bulk
    /// ingest, autovacuum may not have caught up yet, and with stale statistics the batches of a 100,000-entity run
    /// (4 s with statistics) each took over 30 s. ANALYZE samples a bounded number of rows.
    /// </summary>
    public static async Task FreshenStatisticsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var stale = new List<string>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT relname FROM pg_stat_user_tables
            WHERE schemaname = current_schema()
              AND relname IN ('entities', 'entity_observables', 'observables', 'entity_relations', 'outgoing_feed_items')
              AND n_mod_since_analyze > 1000 AND n_mod_since_analyze > n_live_tup / 5
            """, connection))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stale.Add(reader.GetString(0));
            }
        }

        foreach (var table in stale)
        {
            // the names come from the fixed list above, never from input
            await using var analyze = new NpgsqlCommand($"ANALYZE {table}", connection) { CommandTimeout = 600 };
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Opens the run's connection and its REPEATABLE READ transaction.</summary>
    public static async Task<(NpgsqlConnection, NpgsqlTransaction)> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        return (connection, transaction);
    }
}
