using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Datasets;
using Taxii.Core.Security;
using Taxii.Persistence;

namespace Taxii.Server.Admin.Datasets;

/// <summary><c>/api/v1/datasets</c>. Permissions <c>read datasets</c> and <c>modify datasets</c>, within the caller's groups.</summary>
internal static class DatasetEndpoints
{
    public static void MapDatasets(this IEndpointRouteBuilder api)
    {
        var datasets = api.MapGroup("/datasets").WithTags("Datasets");
        datasets.MapGet("/", ListAsync).WithName("ListDatasets").RequireAuthorization(Permissions.ReadDatasets).Produces<Page<DatasetDto>>();
        datasets.MapGet("/{id:int}", GetAsync).WithName("GetDataset").RequireAuthorization(Permissions.ReadDatasets);
        datasets.MapPost("/", CreateAsync).WithName("CreateDataset").RequireAuthorization(Permissions.ModifyDatasets).Produces<DatasetDto>(StatusCodes.Status201Created);
        datasets.MapPut("/{id:int}", UpdateAsync).WithName("UpdateDataset").RequireAuthorization(Permissions.ModifyDatasets).Produces<DatasetDto>();
        datasets.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteDataset").RequireAuthorization(Permissions.ModifyDatasets);
        datasets.MapEntities();
        datasets.MapDatasetUploads();
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, TaxiiDbContext db, int? after, int? limit, string? name, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        return TypedResults.Ok(await PageAsync(db, caller, after, Paging.Limit(limit), name, cancellationToken));
    }

    /// <summary>A page of the datasets the caller sees, in id order after <paramref name="after"/>.</summary>
    public static async Task<Page<DatasetDto>> PageAsync(TaxiiDbContext db, ClaimsPrincipal caller, int? after, int limit, string? name, CancellationToken cancellationToken)
    {
        var query = DataAccess.VisibleDatasets(db, caller).AsNoTracking().Where(d => d.Id > (after ?? 0));
        if (!string.IsNullOrEmpty(name))
        {
            query = query.Where(d => d.Name.Contains(name));
        }

        var fetched = await query.OrderBy(d => d.Id).Take(limit + 1).Select(DatasetDto.Projection).ToListAsync(cancellationToken);
        return Paging.ToPage(fetched, limit, d => d.Id);
    }

    private static async Task<Results<Ok<DatasetDto>, NotFound>> GetAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var dataset = await Find(db, caller, id, cancellationToken);
        return dataset is null ? TypedResults.NotFound() : TypedResults.Ok(dataset);
    }

    private static async Task<IResult> CreateAsync(DatasetRequest body, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var groupIds = body.GroupIds ?? [];
        var validation = new Validation().Require("name", body.Name, 200).MaxLength("description", body.Description, 4000);
        await DataAccess.CheckGroupsAsync(validation, db, caller, groupIds, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var now = time.GetUtcNow();
        var dataset = new Dataset
        {
            Name = body.Name.Trim(),
            Description = body.Description,
            CreatedAt = now,
            UpdatedAt = now,
            Access = [.. groupIds.Distinct().Select(g => new DatasetAccess { GroupId = g })],
        };
        db.Datasets.Add(dataset);
        if (!await AuditLog.SaveNewAsync(db, caller, time, () => $"datasets/{dataset.Id}", $"name={dataset.Name}; groups={string.Join(",", groupIds)}", cancellationToken))
        {
            return Conflicts.Problem($"A dataset named '{dataset.Name}' already exists.");
        }

        return TypedResults.CreatedAtRoute(await Find(db, caller, dataset.Id, cancellationToken), "GetDataset", new { id = dataset.Id });
    }

    private static async Task<IResult> UpdateAsync(int id, DatasetRequest body, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var dataset = await DataAccess.VisibleDatasets(db, caller).Include(d => d.Access).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (dataset is null)
        {
            return TypedResults.NotFound();
        }

        var groupIds = body.GroupIds ?? [];
        var validation = new Validation().Require("name", body.Name, 200).MaxLength("description", body.Description, 4000);
        await DataAccess.CheckGroupsAsync(validation, db, caller, groupIds, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        dataset.Name = body.Name.Trim();
        dataset.Description = body.Description;
        dataset.UpdatedAt = time.GetUtcNow();
        dataset.Access.RemoveAll(a => !groupIds.Contains(a.GroupId));
        dataset.Access.AddRange(groupIds.Distinct().Where(g => dataset.Access.All(a => a.GroupId != g)).Select(g => new DatasetAccess { GroupId = g }));
        if (!await AuditLog.SaveChangeAsync(db, caller, time, "update", $"datasets/{id}", $"name={dataset.Name}; groups={string.Join(",", groupIds)}", cancellationToken))
        {
            return Conflicts.Problem($"A dataset named '{dataset.Name}' already exists.");
        }

        return TypedResults.Ok(await Find(db, caller, id, cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var dataset = await DataAccess.VisibleDatasets(db, caller).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (dataset is null)
        {
            return TypedResults.NotFound();
        }

        db.Datasets.Remove(dataset);
        AuditLog.Record(db, caller, time, "delete", $"datasets/{id}", $"name={dataset.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>A dataset the caller sees, or null.</summary>
    public static Task<DatasetDto?> Find(TaxiiDbContext db, ClaimsPrincipal caller, int id, CancellationToken cancellationToken) =>
        DataAccess.VisibleDatasets(db, caller).AsNoTracking().Where(d => d.Id == id).Select(DatasetDto.Projection).SingleOrDefaultAsync(cancellationToken);
}
