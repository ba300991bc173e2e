using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin.Collections;

/// <summary>
/// <c>/api/v1/collections</c>: TAXII collections, their source datasets and group rights. Permissions
/// <c>read taxii-services</c> and <c>modify taxii-services</c>; a user sees the collections shared with its groups.
/// TAXII requests read collections from the database, so changes apply to the next request.
/// </summary>
internal static class CollectionEndpoints
{
    public static void MapCollections(this IEndpointRouteBuilder api)
    {
        var collections = api.MapGroup("/collections").WithTags("TAXII collections");
        collections.MapGet("/", ListAsync).WithName("ListCollections").RequireAuthorization(Permissions.ReadTaxiiServices).Produces<Page<CollectionDto>>();
        collections.MapGet("/{id:int}", GetAsync).WithName("GetCollection").RequireAuthorization(Permissions.ReadTaxiiServices);
        collections.MapPost("/", CreateAsync).WithName("CreateCollection").RequireAuthorization(Permissions.ModifyTaxiiServices).Produces<CollectionDto>(StatusCodes.Status201Created);
        collections.MapPut("/{id:int}", UpdateAsync).WithName("UpdateCollection").RequireAuthorization(Permissions.ModifyTaxiiServices).Produces<CollectionDto>();
        collections.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteCollection").RequireAuthorization(Permissions.ModifyTaxiiServices);
    }

    private static IQueryable<Collection> Visible(TaxiiDbContext db, ClaimsPrincipal caller) => DataAccess.VisibleCollections(db, caller);

    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, TaxiiDbContext db, int? after, int? limit, string? name, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        var query = Visible(db, caller).AsNoTracking().Where(c => c.Id > (after ?? 0));
        if (!string.IsNullOrEmpty(name))
        {
            query = query.Where(c => c.Name.Contains(name));
        }

        var fetched = await query.OrderBy(c => c.Id).Take(Paging.Limit(limit) + 1).Select(CollectionDto.Projection).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(fetched, Paging.Limit(limit), c => c.Id));
    }

    private static async Task<Results<Ok<CollectionDto>, NotFound>> GetAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var collection = await Find(db, caller, id, cancellationToken);
        return collection is null ? TypedResults.NotFound() : TypedResults.Ok(collection);
    }

    private static async Task<IResult> CreateAsync(CollectionRequest body, ClaimsPrincipal caller, TaxiiDbContext db, ServiceDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = await ValidateAsync(body, caller, db, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var now = time.GetUtcNow();
        var collection = new Collection { Name = body.Name.Trim(), CreatedAt = now };
        await ApplyAsync(collection, body, db, now, cancellationToken);
        db.Collections.Add(collection);
        if (!await AuditLog.SaveNewAsync(db, caller, time, () => $"collections/{collection.Id}", Describe(body), cancellationToken))
        {
            return Conflicts.Problem($"A collection named '{collection.Name}' already exists.");
        }

        directory.Invalidate();
        return TypedResults.CreatedAtRoute(await Find(db, caller, collection.Id, cancellationToken), "GetCollection", new { id = collection.Id });
    }

    private static async Task<IResult> UpdateAsync(int id, CollectionRequest body, ClaimsPrincipal caller, TaxiiDbContext db, ServiceDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var collection = await Visible(db, caller).Include(c => c.Access).Include(c => c.SourceDatasets)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (collection is null)
        {
            return TypedResults.NotFound();
        }

        var validation = await ValidateAsync(body, caller, db, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        collection.Name = body.Name.Trim();
        await ApplyAsync(collection, body, db, time.GetUtcNow(), cancellationToken);
        if (!await AuditLog.SaveChangeAsync(db, caller, time, "update", $"collections/{id}", Describe(body), cancellationToken))
        {
            return Conflicts.Problem($"A collection named '{collection.Name}' already exists.");
        }

        directory.Invalidate();
        return TypedResults.Ok(await Find(db, caller, id, cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, ServiceDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var collection = await Visible(db, caller).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (collection is null)
        {
            return TypedResults.NotFound();
        }

        db.Collections.Remove(collection);
        AuditLog.Record(db, caller, time, "delete", $"collections/{id}", $"name={collection.Name}");
        await db.SaveChangesAsync(cancellationToken);
        directory.Invalidate();
        return TypedResults.NoContent();
    }

    private static async Task<Validation> ValidateAsync(CollectionRequest body, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation().Require("name", body.Name, 2048).MaxLength("description", body.Description, 4000)
            .Check(body.Name is null || Uri.IsWellFormedUriString(body.Name.Trim(), UriKind.RelativeOrAbsolute), "name", "a collection name is an xs:anyURI");
        foreach (var binding in body.ContentBindings ?? [])
        {
            validation.Check(!string.IsNullOrWhiteSpace(binding) && binding.Length <= 2048, "contentBindings", "each content binding is a non-empty URI");
        }

        var datasetIds = body.SourceDatasetIds ?? [];
        var visible = await DataAccess.VisibleDatasets(db, caller).Where(d => datasetIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);
        foreach (var missing in datasetIds.Except(visible))
        {
            validation.Add("sourceDatasetIds", $"dataset {missing} does not exist");
        }

        await DataAccess.CheckGroupsAsync(validation, db, caller, [.. (body.Groups ?? []).Select(g => g.GroupId)], cancellationToken);
        return validation;
    }

    private static async Task ApplyAsync(Collection collection, CollectionRequest body, TaxiiDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var datasetIds = body.SourceDatasetIds ?? [];
        collection.Description = body.Description;
        collection.Type = body.Type;
        collection.Enabled = body.Enabled;
        collection.ContentBindings = [.. (body.ContentBindings ?? []).Select(b => b.Trim()).Distinct()];
        collection.SourceDatasets = await db.Datasets.Where(d => datasetIds.Contains(d.Id)).ToListAsync(cancellationToken);
        var wanted = (body.Groups ?? []).GroupBy(g => g.GroupId)
            .ToDictionary(g => g.Key, g => (Read: g.Any(x => x.CanRead), Write: g.Any(x => x.CanWrite)));
        // rows are updated in place: removing and re-adding the same (collection, group) key would clash in the change tracker
        collection.Access.RemoveAll(a => !wanted.ContainsKey(a.GroupId));
        foreach (var (groupId, (read, write)) in wanted)
        {
            var access = collection.Access.FirstOrDefault(a => a.GroupId == groupId);
            if (access is null)
            {
                collection.Access.Add(access = new CollectionAccess { GroupId = groupId });
            }

            access.CanRead = read;
            access.CanWrite = write;
        }

        collection.UpdatedAt = now;
    }

    private static string Describe(CollectionRequest body) =>
        $"name={body.Name}; type={body.Type}; enabled={body.Enabled}; bindings={string.Join(",", body.ContentBindings ?? [])}; "
        + $"datasets={string.Join(",", body.SourceDatasetIds ?? [])}; groups={string.Join(",", (body.Groups ?? []).Select(g => $"{g.GroupId}:{(g.CanRead ? "r" : "")}{(g.CanWrite ? "w" : "")}"))}";

    private static Task<CollectionDto?> Find(TaxiiDbContext db, ClaimsPrincipal caller, int id, CancellationToken cancellationToken) =>
        Visible(db, caller).AsNoTracking().Where(c => c.Id == id).Select(CollectionDto.Projection).SingleOrDefaultAsync(cancellationToken);
}
