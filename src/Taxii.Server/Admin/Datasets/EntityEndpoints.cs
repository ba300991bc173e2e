using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Entities;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Persistence.Stores;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin.Datasets;

/// <summary><c>/api/v1/datasets/{id}/entities</c>: search, read, add and delete a dataset's entities.</summary>
internal static class EntityEndpoints
{
    public const int MaxEntitiesPerRequest = 1000;

    public static void MapEntities(this RouteGroupBuilder datasets)
    {
        datasets.MapGet("/{id:int}/entities", ListAsync).WithName("ListEntities").RequireAuthorization(Permissions.ReadDatasets).Produces<EntityPage>();
        datasets.MapGet("/{id:int}/entities/{entityId:long}", GetAsync).WithName("GetEntity").RequireAuthorization(Permissions.ReadDatasets).Produces<EntityDto>();
        datasets.MapPost("/{id:int}/entities", AddAsync).WithName("AddEntities").RequireAuthorization(Permissions.ModifyDatasets).Produces<IReadOnlyList<EntityUpsert>>();
        datasets.MapDelete("/{id:int}/entities/{entityId:long}", DeleteAsync).WithName("DeleteEntity").RequireAuthorization(Permissions.ModifyDatasets);
    }

    private static async Task<IResult> ListAsync(
        int id, ClaimsPrincipal caller, TaxiiDbContext db, string? type, string? observable, DateTimeOffset? from, DateTimeOffset? to,
        long? after, int? limit, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        EntityType? entityType = null;
        if (type is not null)
        {
            if (!EnumNames.TryParse<EntityType>(type, out var parsed))
            {
                return Validation.Problem(new() { ["type"] = [$"'{type}' is not an entity type"] });
            }

            entityType = parsed;
        }

        if (!await DataAccess.VisibleDatasets(db, caller).AnyAsync(d => d.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var query = db.Entities.AsNoTracking().Where(e => e.DatasetId == id && e.Id > (after ?? 0));
        if (entityType is not null)
        {
            query = query.Where(e => e.Type == entityType);
        }

        if (!string.IsNullOrEmpty(observable))
        {
            query = query.Where(e => e.Observables.Any(o => o.Value == observable));
        }

        if (from is not null)
        {
            query = query.Where(e => e.UpdatedAt >= from);
        }

        if (to is not null)
        {
            query = query.Where(e => e.UpdatedAt <= to);
        }

        var take = Paging.Limit(limit);
        var fetched = await query.OrderBy(e => e.Id).Take(take + 1).Select(EntityDto.Projection).ToListAsync(cancellationToken);
        var next = fetched.Count > take ? fetched[take - 1].Id : (long?)null;
        return TypedResults.Ok(new EntityPage([.. fetched.Take(take)], next));
    }

    private static async Task<IResult> GetAsync(int id, long entityId, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var visible = DataAccess.VisibleDatasets(db, caller);
        var entity = await db.Entities.AsNoTracking()
            .Where(e => e.Id == entityId && e.DatasetId == id && visible.Any(d => d.Id == id))
            .Select(EntityDto.Projection).SingleOrDefaultAsync(cancellationToken);
        return entity is null ? TypedResults.NotFound() : TypedResults.Ok(entity);
    }

    private static async Task<IResult> AddAsync(
        int id, IReadOnlyList<EntityRequest> body, ClaimsPrincipal caller, TaxiiDbContext db, EntityStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await DataAccess.VisibleDatasets(db, caller).AnyAsync(d => d.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var validation = Validate(body);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var results = await store.UpsertAsync(id, [.. body.Select(ToNewEntity)], new EntityProvenance(UserId: TaxiiCaller.From(caller).UserId), cancellationToken);
        var changed = results.Count(r => r.Outcome != EntityUpsertOutcome.Unchanged);
        AuditLog.Record(db, caller, time, "add", $"datasets/{id}/entities", $"entities={results.Count}; created or updated={changed}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(results);
    }

    private static async Task<IResult> DeleteAsync(int id, long entityId, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var visible = DataAccess.VisibleDatasets(db, caller);
        var entity = await db.Entities.SingleOrDefaultAsync(e => e.Id == entityId && e.DatasetId == id && visible.Any(d => d.Id == id), cancellationToken);
        if (entity is null)
        {
            return TypedResults.NotFound();
        }

        db.Entities.Remove(entity);
        AuditLog.Record(db, caller, time, "delete", $"datasets/{id}/entities/{entityId}", $"externalId={entity.ExternalId}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static Validation Validate(IReadOnlyList<EntityRequest> body)
    {
        var validation = new Validation()
            .Check(body.Count is > 0 and <= MaxEntitiesPerRequest, "entities", $"send 1 to {MaxEntitiesPerRequest} entities");
        for (var i = 0; i < body.Count; i++)
        {
            var e = body[i];
            validation.MaxLength($"[{i}].externalId", e.ExternalId, 2048).MaxLength($"[{i}].title", e.Title, 1024)
                .Check(e.Reliability is null || e.Reliability is [>= 'A' and <= 'F'], $"[{i}].reliability", "reliability is one letter, A to F")
                .Check(e.Data is null || e.Data.Value.ValueKind == System.Text.Json.JsonValueKind.Object, $"[{i}].data", "data must be a JSON object");
            foreach (var (o, j) in (e.Observables ?? []).Select((o, j) => (o, j)))
            {
                validation.Require($"[{i}].observables[{j}].kind", o.Kind, 64).Require($"[{i}].observables[{j}].value", o.Value, 8192);
            }

            foreach (var (r, j) in (e.Relations ?? []).Select((r, j) => (r, j)))
            {
                validation.Require($"[{i}].relations[{j}].type", r.Type, 64).Require($"[{i}].relations[{j}].target", r.Target, 2048);
            }
        }

        return validation;
    }

    private static NewEntity ToNewEntity(EntityRequest e) => new(
        e.Type, e.ExternalId, e.Title, e.Description, e.Tlp, e.Reliability?[0], e.ValidFrom, e.Sources,
        e.Data?.GetRawText(),
        e.Observables?.Select(o => new NewObservable(o.Kind.Trim().ToLowerInvariant(), o.Value.Trim(), o.Maliciousness)).ToList(),
        Relations: e.Relations?.Select(r => new NewRelation(r.Type.Trim().ToLowerInvariant(), r.Target.Trim())).ToList());
}
