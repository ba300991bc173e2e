using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Entities;
using Taxii.Persistence;

namespace Taxii.Server.Admin.Datasets;

/// <summary>
/// Searching and reading a dataset's entities: the queries behind <c>GET /api/v1/datasets/{id}/entities</c> and the web
/// UI's dataset and entity pages. Only datasets shared with one of the caller's groups (administrators see all).
/// </summary>
internal static class EntityQueries
{
    /// <summary>Whether <paramref name="type"/> names an entity type (null: any type); the error message otherwise.</summary>
    public static bool TryParseType(string? type, out EntityType? entityType, [NotNullWhen(false)] out string? error)
    {
        entityType = null;
        error = null;
        if (type is null)
        {
            return true;
        }

        if (!EnumNames.TryParse<EntityType>(type, out var parsed))
        {
            error = $"'{type}' is not an entity type";
            return false;
        }

        entityType = parsed;
        return true;
    }

    /// <summary>
    /// A page of the dataset's entities in id order after <paramref name="after"/>: of a type, holding an observable of
    /// exactly that value, updated within [from, to]. Null when the caller sees no such dataset.
    /// </summary>
    public static async Task<EntityPage?> SearchAsync(
        TaxiiDbContext db, ClaimsPrincipal caller, int id, EntityType? type, string? observable, DateTimeOffset? from, DateTimeOffset? to,
        long? after, int take, CancellationToken cancellationToken)
    {
        if (!await DataAccess.VisibleDatasets(db, caller).AnyAsync(d => d.Id == id, cancellationToken))
        {
            return null;
        }

        var query = db.Entities.AsNoTracking().Where(e => e.DatasetId == id && e.Id > (after ?? 0));
        if (type is not null)
        {
            query = query.Where(e => e.Type == type);
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

        var fetched = await query.OrderBy(e => e.Id).Take(take + 1).Select(EntityDto.Projection).ToListAsync(cancellationToken);
        var next = fetched.Count > take ? fetched[take - 1].Id : (long?)null;
        return new EntityPage([.. fetched.Take(take)], next);
    }

    /// <summary>An entity of a dataset the caller sees, or null.</summary>
    public static Task<EntityDto?> FindAsync(TaxiiDbContext db, ClaimsPrincipal caller, int id, long entityId, CancellationToken cancellationToken)
    {
        var visible = DataAccess.VisibleDatasets(db, caller);
        return db.Entities.AsNoTracking()
            .Where(e => e.Id == entityId && e.DatasetId == id && visible.Any(d => d.Id == id))
            .Select(EntityDto.Projection).SingleOrDefaultAsync(cancellationToken);
    }
}
