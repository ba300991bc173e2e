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

    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, TaxiiDbContext db, int? after, int? limit, string? name, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        var query = CollectionOperations.Named(Visible(db, caller).AsNoTracking(), name).Where(c => c.Id > (after ?? 0));
        var fetched = await query.OrderBy(c => c.Id).Take(Paging.Limit(limit) + 1).Select(CollectionDto.Projection).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(fetched, Paging.Limit(limit), c => c.Id));
    }

    private static async Task<Results<Ok<CollectionDto>, NotFound>> GetAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var collection = await Find(db, caller, id, cancellationToken);
        return collection is null ? TypedResults.NotFound() : TypedResults.Ok(collection);
    }

    private static async Task<IResult> CreateAsync(CollectionRequest body, ClaimsPrincipal caller, CollectionOperations operations, CancellationToken cancellationToken) =>
        await operations.CreateAsync(body, caller, cancellationToken) switch
        {
            { Collection: { } created } => TypedResults.CreatedAtRoute(created, "GetCollection", new { id = created.Id }),
            var refused => refused.ToResult(),
        };

    private static async Task<IResult> UpdateAsync(int id, CollectionRequest body, ClaimsPrincipal caller, CollectionOperations operations, CancellationToken cancellationToken) =>
        (await operations.UpdateAsync(id, body, caller, cancellationToken)).ToResult();

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal caller, CollectionOperations operations, CancellationToken cancellationToken) =>
        await operations.DeleteAsync(id, caller, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static IQueryable<Collection> Visible(TaxiiDbContext db, ClaimsPrincipal caller) => CollectionOperations.Visible(db, caller);

    private static Task<CollectionDto?> Find(TaxiiDbContext db, ClaimsPrincipal caller, int id, CancellationToken cancellationToken) =>
        CollectionOperations.FindAsync(db, caller, id, cancellationToken);
}
