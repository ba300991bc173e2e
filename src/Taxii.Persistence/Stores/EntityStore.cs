using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Taxii.Core.Entities;

namespace Taxii.Persistence.Stores;

/// <summary>
/// Stores entities in a dataset, deduplicated: by external id (a known id updates the entity when its content
/// changed), else by content hash (the same content is one entity); observables once per (kind, value).
/// Set-based: a call is two round trips whatever its size (read what is stored, then write what changed), plus the commit.
/// All of a call is stored or none: it joins the context's current transaction when there is one (and leaves the commit
/// to its owner), otherwise it runs in a transaction of its own.
/// </summary>
/// <remarks>
/// Why an advisory lock rather than ON CONFLICT alone. Deduplication is a read-then-write: a writer reads which ids and
/// contents the dataset has, then inserts the rest. ON CONFLICT (dataset_id, external_id) would settle two writers racing
/// on an id, but nothing can settle two racing on a content: an entity without an external id gets a generated one, and
/// the content hash is (rightly) not unique, since distinct ids may carry the same content. Nor would it settle the
/// links: both writers would insert the same (entity, observable) pairs. So each call holds
/// <c>pg_advisory_xact_lock(class, dataset)</c> from before it reads until its transaction ends: writers to one dataset go
/// one after the other, writers to different datasets do not wait for each other. The insert still says ON CONFLICT, so a
/// writer that bypasses this store cannot make a call fail on the unique index. A caller upserting into several datasets
/// in one transaction should go in ascending dataset order, or two such callers may deadlock (PostgreSQL then aborts one).
/// </remarks>
public sealed class EntityStore(TaxiiDbContext db, TimeProvider time)
{
    /// <summary>The first key of the two-key advisory lock: "entity dedup" locks, the second key is the dataset id.</summary>
    public const int DatasetLockClass = 0x7A11_0002;

    /// <summary>Stores entities with no provenance of their own (benchmarks, tests, tools).</summary>
    public Task<IReadOnlyList<EntityUpsert>> UpsertAsync(int datasetId, IReadOnlyList<NewEntity> entities, CancellationToken cancellationToken) =>
        UpsertAsync(datasetId, entities, EntityProvenance.None, cancellationToken);

    /// <summary>
    /// Stores entities and records who brought them (<paramref name="provenance"/>) on every one of them, created,
    /// changed or unchanged: the provenance rows travel in the same round trips as the entities, and an unchanged
    /// entity whose provenance already holds this feed and user (and the user's current groups) costs nothing more.
    /// </summary>
    public async Task<IReadOnlyList<EntityUpsert>> UpsertAsync(
        int datasetId, IReadOnlyList<NewEntity> entities, EntityProvenance provenance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(provenance);
        if (entities.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var batch = new EntityBatch(entities);
        await InTransactionAsync(async connection =>
        {
            await ReadStoredAsync(connection, datasetId, batch, provenance, cancellationToken);
            batch.Resolve(NewExternalId);
            var unchangedWithout = provenance.IsEmpty ? [] : batch.UnchangedWithoutProvenance();
            if (batch.Written.Count > 0)
            {
                await EntityWrites.WriteAsync(connection, datasetId, batch, provenance, unchangedWithout, now, cancellationToken);
            }
            else if (unchangedWithout.Length > 0)
            {
                await EntityWrites.WriteProvenanceAsync(connection, provenance, unchangedWithout, cancellationToken);
            }

            return 0;
        }, cancellationToken);
        Forget(datasetId, [.. batch.Written.Select(r => r.ExternalId)], [.. batch.Written.Select(r => r.Id)]);
        return batch.Results();
    }

    /// <summary>
    /// Deletes the dataset's entities with these external ids (their observable links and relations go with them) and
    /// returns how many there were. Joins the context's current transaction like <see cref="UpsertAsync"/>.
    /// </summary>
    public async Task<int> DeleteByExternalIdsAsync(int datasetId, IReadOnlyList<string> externalIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(externalIds);
        if (externalIds.Count == 0)
        {
            return 0;
        }

        var deleted = await InTransactionAsync(async connection =>
        {
            // the lock too: an upsert in flight may have matched one of these as Unchanged
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(LockCommand(datasetId));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "DELETE FROM entities WHERE dataset_id = $1 AND external_id = ANY($2::text[]) RETURNING id")
            {
                Parameters = { new() { Value = datasetId }, new() { Value = externalIds.Distinct(StringComparer.Ordinal).ToArray() } },
            });
            var ids = new List<long>();
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }

            return ids;
        }, cancellationToken);
        Forget(datasetId, [.. externalIds], [.. deleted]);
        return deleted.Count;
    }

    /// <summary>A platform-neutral id in the STIX style: <c>taxii:indicator-&lt;uuid&gt;</c>.</summary>
    public static string NewExternalId(EntityType type) =>
        $"taxii:{string.Concat(type.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()))}-{Guid.NewGuid()}";

    private static NpgsqlBatchCommand LockCommand(int datasetId) =>
        new("SELECT pg_advisory_xact_lock($1, $2)") { Parameters = { new() { Value = DatasetLockClass }, new() { Value = datasetId } } };

    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // the caller's: its commit stores our rows with its own, its rollback leaves nothing
            return await work((NpgsqlConnection)db.Database.GetDbConnection());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work((NpgsqlConnection)db.Database.GetDbConnection());
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Takes the dataset's lock and reads the stored entities that share an external id or a content with the inputs, each
    /// with whether its provenance already holds <paramref name="provenance"/>: one round trip.
    /// </summary>
    private static async Task ReadStoredAsync(
        NpgsqlConnection connection, int datasetId, EntityBatch batch, EntityProvenance provenance, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlBatch(connection);
        read.BatchCommands.Add(LockCommand(datasetId));
        // two index scans, (dataset_id, external_id) and (dataset_id, content_hash); ascending id so the oldest wins a content match.
        // Provenance is known when the feed is there, the user is there, and none of the user's groups is missing
        // (a user who joined a group since brings the entity to that group too)
        read.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT s.id, s.external_id, s.content_hash,
                   ($4::integer IS NULL OR EXISTS (
                        SELECT 1 FROM entity_incoming_feeds f WHERE f.entity_id = s.id AND f.incoming_feed_id = $4))
                   AND ($5::integer IS NULL OR EXISTS (
                        SELECT 1 FROM entity_contributors c WHERE c.entity_id = s.id AND c.user_id = $5)
                        AND NOT EXISTS (
                        SELECT 1 FROM group_memberships m WHERE m.user_id = $5 AND NOT EXISTS (
                            SELECT 1 FROM entity_contributor_groups g WHERE g.entity_id = s.id AND g.group_id = m.group_id)))
            FROM (
                SELECT id, external_id, content_hash FROM entities WHERE dataset_id = $1 AND external_id = ANY($2::text[])
                UNION
                SELECT id, external_id, content_hash FROM entities WHERE dataset_id = $1 AND content_hash = ANY($3::bytea[])
            ) s
            ORDER BY s.id
            """)
        {
            Parameters =
            {
                new() { Value = datasetId }, new() { Value = batch.ExternalIds }, new() { Value = batch.AnonymousHashes },
                new() { Value = (object?)provenance.IncomingFeedId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
                new() { Value = (object?)provenance.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
            },
        });
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.AddStored(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2), reader.GetBoolean(3));
        }
    }

    /// <summary>
    /// Detaches what the context may track of the rows just written or deleted behind its back (entities, their relations
    /// and observable links, observables whose maliciousness may have risen), so a later query reads them afresh. Other
    /// tracked entries (the caller's pending changes) are left alone.
    /// </summary>
    private void Forget(int datasetId, HashSet<string> externalIds, HashSet<long> entityIds)
    {
        if (!db.ChangeTracker.Entries().Any())
        {
            return;
        }

        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            var stale = entry.Entity switch
            {
                Entity e => e.DatasetId == datasetId && (externalIds.Contains(e.ExternalId) || entityIds.Contains(e.Id)),
                EntityRelation r => entityIds.Contains(r.EntityId),
                Observable => true,
                Dictionary<string, object> link when entry.Metadata.GetTableName() == "entity_observables" =>
                    link.TryGetValue("EntitiesId", out var id) && id is long entityId && entityIds.Contains(entityId),
                _ => false,
            };
            if (stale)
            {
                entry.State = EntityState.Detached;
            }
        }
    }
}
