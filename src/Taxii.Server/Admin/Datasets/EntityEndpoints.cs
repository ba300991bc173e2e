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

        if (!EntityQueries.TryParseType(type, out var entityType, out var typeError))
        {
            return Validation.Problem(new() { ["type"] = [typeError] });
        }

        var page = await EntityQueries.SearchAsync(db, caller, id, entityType, observable, from, to, after, Paging.Limit(limit), cancellationToken);
        return page is null ? TypedResults.NotFound() : TypedResults.Ok(page);
    }

    private static async Task<IResult> GetAsync(int id, long entityId, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var entity = await EntityQueries.FindAsync(db, caller, id, entityId, cancellationToken);
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
