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

    /// <summary>The datasets whose name contains <paramref name="name"/> (all when it is empty): the list's <c>?name=</c> filter.</summary>
    public static IQueryable<Dataset> Named(IQueryable<Dataset> datasets, string? name) =>
        string.IsNullOrEmpty(name) ? datasets : datasets.Where(d => d.Name.Contains(name));

    /// <summary>A page of the datasets the caller sees, in id order after <paramref name="after"/>.</summary>
    public static async Task<Page<DatasetDto>> PageAsync(TaxiiDbContext db, ClaimsPrincipal caller, int? after, int limit, string? name, CancellationToken cancellationToken)
    {
        var query = Named(DataAccess.VisibleDatasets(db, caller).AsNoTracking(), name).Where(d => d.Id > (after ?? 0));
        var fetched = await query.OrderBy(d => d.Id).Take(limit + 1).Select(DatasetDto.Projection).ToListAsync(cancellationToken);
        return Paging.ToPage(fetched, limit, d => d.Id);
    }

    private static async Task<Results<Ok<DatasetDto>, NotFound>> GetAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var dataset = await Find(db, caller, id, cancellationToken);
        return dataset is null ? TypedResults.NotFound() : TypedResults.Ok(dataset);
    }

    private static async Task<IResult> CreateAsync(DatasetRequest body, ClaimsPrincipal caller, DatasetOperations operations, CancellationToken cancellationToken) =>
        await operations.CreateAsync(body, caller, cancellationToken) switch
        {
            { Dataset: { } created } => TypedResults.CreatedAtRoute(created, "GetDataset", new { id = created.Id }),
            var change => ToResult(change),
        };

    private static async Task<IResult> UpdateAsync(int id, DatasetRequest body, ClaimsPrincipal caller, DatasetOperations operations, CancellationToken cancellationToken) =>
        ToResult(await operations.UpdateAsync(id, body, caller, cancellationToken));

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal caller, DatasetOperations operations, CancellationToken cancellationToken) =>
        await operations.DeleteAsync(id, caller, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static IResult ToResult(DatasetChange change) => change switch
    {
        { Invalid: { } validation } => validation.Problem(),
        { Conflict: { } conflict } => Conflicts.Problem(conflict),
        { Dataset: { } dataset } => TypedResults.Ok(dataset),
        _ => TypedResults.NotFound(),
    };

    /// <summary>A dataset the caller sees, or null.</summary>
    public static Task<DatasetDto?> Find(TaxiiDbContext db, ClaimsPrincipal caller, int id, CancellationToken cancellationToken) =>
        DataAccess.VisibleDatasets(db, caller).AsNoTracking().Where(d => d.Id == id).Select(DatasetDto.Projection).SingleOrDefaultAsync(cancellationToken);
}
