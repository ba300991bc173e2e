using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Taxii.Core.Entities;

namespace Taxii.Persistence.Stores;

/// <summary>
/// Stores entities in a dataset, deduplicated: by external id (a known id updates the entity when its content
/// changed), else by content hash (the same content is one entity); observables once per (kind, value).
/// One transaction per call: all of it is stored or none.
/// </summary>
public sealed class EntityStore(TaxiiDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<EntityUpsert>> UpsertAsync(int datasetId, IReadOnlyList<NewEntity> entities, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var observables = await UpsertObservablesAsync(entities.SelectMany(e => e.Observables ?? []).ToList(), now, cancellationToken);

        var hashes = entities.Select(EntityHashing.Hash).ToList();
        var ids = entities.Where(e => e.ExternalId is not null).Select(e => e.ExternalId!).Distinct().ToList();
        var byId = await db.Entities.Include(e => e.Observables).Include(e => e.Relations)
            .Where(e => e.DatasetId == datasetId && ids.Contains(e.ExternalId))
            .ToDictionaryAsync(e => e.ExternalId, StringComparer.Ordinal, cancellationToken);
        // the dataset's entities with any of these contents, and then those this batch creates: a batch repeating itself stores once
        var byHash = (await db.Entities.Where(e => e.DatasetId == datasetId && hashes.Contains(e.ContentHash)).ToListAsync(cancellationToken))
            .GroupBy(e => Convert.ToHexString(e.ContentHash))
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var stored = new List<(Entity Entity, EntityUpsertOutcome Outcome)>(entities.Count);
        for (var i = 0; i < entities.Count; i++)
        {
            var input = entities[i];
            var hash = hashes[i];
            if (input.ExternalId is { } externalId && byId.TryGetValue(externalId, out var existing))
            {
                var changed = !existing.ContentHash.AsSpan().SequenceEqual(hash);
                if (changed)
                {
                    Apply(existing, input, hash, observables, now);
                }

                stored.Add((existing, changed ? EntityUpsertOutcome.Updated : EntityUpsertOutcome.Unchanged));
                continue;
            }

            var same = input.ExternalId is null ? byHash.GetValueOrDefault(Convert.ToHexString(hash)) : null;
            if (same is not null)
            {
                stored.Add((same, EntityUpsertOutcome.Unchanged));
                continue;
            }

            var entity = new Entity
            {
                DatasetId = datasetId,
                ExternalId = input.ExternalId ?? NewExternalId(input.Type),
                ContentHash = hash,
                CreatedAt = now,
            };
            Apply(entity, input, hash, observables, now);
            db.Entities.Add(entity);
            byId[entity.ExternalId] = entity;
            byHash.TryAdd(Convert.ToHexString(hash), entity);
            stored.Add((entity, EntityUpsertOutcome.Created));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. stored.Select(s => new EntityUpsert(s.Entity.Id, s.Entity.ExternalId, s.Outcome))];
    }

    /// <summary>Deletes the dataset's entities with these external ids (in the caller's transaction, if any); returns how many.</summary>
    public Task<int> DeleteByExternalIdsAsync(int datasetId, IReadOnlyList<string> externalIds, CancellationToken cancellationToken) =>
        db.Entities.Where(e => e.DatasetId == datasetId && externalIds.Contains(e.ExternalId)).ExecuteDeleteAsync(cancellationToken);

    /// <summary>A platform-neutral id in the STIX style: <c>taxii:indicator-&lt;uuid&gt;</c>.</summary>
    public static string NewExternalId(EntityType type) =>
        $"taxii:{string.Concat(type.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()))}-{Guid.NewGuid()}";

    private void Apply(Entity entity, NewEntity input, byte[] hash, IReadOnlyDictionary<(string, string), long> observables, DateTimeOffset now)
    {
        entity.Type = input.Type;
        entity.Title = input.Title;
        entity.Description = input.Description;
        entity.Tlp = input.Tlp;
        entity.Reliability = input.Reliability;
        entity.ValidFrom = input.ValidFrom;
        entity.Sources = [.. input.Sources ?? []];
        entity.Data = input.Data;
        entity.RawContentBlockId = input.RawContentBlockId ?? entity.RawContentBlockId;
        entity.ContentHash = hash;
        entity.UpdatedAt = now;
        var wanted = (input.Observables ?? []).Select(o => observables[(o.Kind, o.Value)]).ToHashSet();
        entity.Observables.RemoveAll(o => !wanted.Contains(o.Id));
        foreach (var id in wanted.Where(id => entity.Observables.All(o => o.Id != id)))
        {
            entity.Observables.Add(AttachObservable(id));
        }

        var relations = (input.Relations ?? []).Distinct().ToList();
        entity.Relations.RemoveAll(r => !relations.Contains(new NewRelation(r.Type, r.TargetExternalId)));
        foreach (var r in relations.Where(r => !entity.Relations.Any(x => x.Type == r.Type && x.TargetExternalId == r.TargetExternalId)))
        {
            entity.Relations.Add(new EntityRelation { Type = r.Type, TargetExternalId = r.TargetExternalId });
        }
    }

    private Observable AttachObservable(long id)
    {
        var tracked = db.ChangeTracker.Entries<Observable>().FirstOrDefault(e => e.Entity.Id == id)?.Entity;
        if (tracked is not null)
        {
            return tracked;
        }

        // a stub with the key is enough to link the row the upsert below made; its other columns are not written
        var stub = new Observable { Id = id, Kind = string.Empty, Value = string.Empty };
        db.Attach(stub);
        return stub;
    }

    /// <summary>
    /// One statement for all observables: inserted when new, maliciousness raised when the new value is higher.
    /// Safe against concurrent writers (ON CONFLICT), and no per-row round trips.
    /// </summary>
    private async Task<Dictionary<(string, string), long>> UpsertObservablesAsync(List<NewObservable> observables, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var distinct = observables.GroupBy(o => (o.Kind, o.Value))
            .Select(g => g.MaxBy(o => o.Maliciousness)!)
            .ToList();
        var ids = new Dictionary<(string, string), long>();
        if (distinct.Count == 0)
        {
            return ids;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO observables (kind, value, maliciousness, created_at)
            SELECT k, v, m, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(k, v, m)
            ON CONFLICT (kind, value) DO UPDATE SET maliciousness = CASE
                WHEN array_position(ARRAY['Unknown','Safe','Low','Medium','High'], excluded.maliciousness)
                   > array_position(ARRAY['Unknown','Safe','Low','Medium','High'], observables.maliciousness)
                THEN excluded.maliciousness ELSE observables.maliciousness END
            RETURNING id, kind, value
            """, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter { Value = distinct.Select(o => o.Kind).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = distinct.Select(o => o.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = distinct.Select(o => o.Maliciousness.ToString()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[(reader.GetString(1), reader.GetString(2))] = reader.GetInt64(0);
        }

        return ids;
    }
}
