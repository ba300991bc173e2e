using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin.Services;

/// <summary>
/// <c>/api/v1/services</c>: TAXII services. Permissions <c>read taxii-services</c> and <c>modify taxii-services</c>.
/// A change is seen by TAXII clients at once: the service directory's cache is dropped.
/// </summary>
internal static class ServiceEndpoints
{
    public static void MapServices(this IEndpointRouteBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("TAXII services");
        services.MapGet("/", ListAsync).WithName("ListServices").RequireAuthorization(Permissions.ReadTaxiiServices).Produces<Page<ServiceDto>>();
        services.MapGet("/{id:int}", GetAsync).WithName("GetService").RequireAuthorization(Permissions.ReadTaxiiServices);
        services.MapPost("/", CreateAsync).WithName("CreateService").RequireAuthorization(Permissions.ModifyTaxiiServices).Produces<ServiceDto>(StatusCodes.Status201Created);
        services.MapPut("/{id:int}", UpdateAsync).WithName("UpdateService").RequireAuthorization(Permissions.ModifyTaxiiServices).Produces<ServiceDto>();
        services.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteService").RequireAuthorization(Permissions.ModifyTaxiiServices);
        services.MapPut("/{id:int}/collections/{collectionId:int}", AttachAsync).WithName("AttachCollectionToService")
            .RequireAuthorization(Permissions.ModifyTaxiiServices).Produces<ServiceDto>();
        services.MapDelete("/{id:int}/collections/{collectionId:int}", DetachAsync).WithName("DetachCollectionFromService")
            .RequireAuthorization(Permissions.ModifyTaxiiServices).Produces<ServiceDto>();
    }

    /// <summary>The service serves the collection from now on (already serving it: unchanged); the rest of the service stays as it is.</summary>
    private static async Task<IResult> AttachAsync(
        int id, int collectionId, ClaimsPrincipal caller, TaxiiDbContext db, ServiceDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var service = await db.Services.Include(s => s.Collections).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        var collection = await db.Collections.SingleOrDefaultAsync(c => c.Id == collectionId, cancellationToken);
        if (service is null || collection is null)
        {
            return TypedResults.NotFound();
        }

        if (service.Type == ServiceType.Discovery)
        {
            return Validation.Problem(new() { ["collectionId"] = ["a discovery service serves no collections"] });
        }

        if (service.Collections.All(c => c.Id != collectionId))
        {
            service.Collections.Add(collection);
            service.UpdatedAt = time.GetUtcNow();
            AuditLog.Record(db, caller, time, "attach", $"services/{id}", $"collection={collectionId}");
            await db.SaveChangesAsync(cancellationToken);
            directory.Invalidate();
        }

        return TypedResults.Ok(await Find(db, id, cancellationToken));
    }

    /// <summary>The service stops serving the collection (not serving it: unchanged); the collection and its content stay.</summary>
    private static async Task<IResult> DetachAsync(
        int id, int collectionId, ClaimsPrincipal caller, TaxiiDbContext db, ServiceDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var service = await db.Services.Include(s => s.Collections).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null || !await db.Collections.AnyAsync(c => c.Id == collectionId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (service.Collections.Find(c => c.Id == collectionId) is { } served)
        {
            service.Collections.Remove(served);
            service.UpdatedAt = time.GetUtcNow();
            AuditLog.Record(db, caller, time, "detach", $"services/{id}", $"collection={collectionId}");
            await db.SaveChangesAsync(cancellationToken);
            directory.Invalidate();
        }

        return TypedResults.Ok(await Find(db, id, cancellationToken));
    }

    private static async Task<IResult> ListAsync(TaxiiDbContext db, int? after, int? limit, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        var fetched = await db.Services.AsNoTracking().Where(s => s.Id > (after ?? 0)).OrderBy(s => s.Id)
            .Take(Paging.Limit(limit) + 1).Select(ServiceDto.Projection).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(fetched, Paging.Limit(limit), s => s.Id));
    }

    private static async Task<Results<Ok<ServiceDto>, NotFound>> GetAsync(int id, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var service = await Find(db, id, cancellationToken);
        return service is null ? TypedResults.NotFound() : TypedResults.Ok(service);
    }

    private static async Task<IResult> CreateAsync(ServiceRequest body, ClaimsPrincipal caller, ServiceOperations operations, CancellationToken cancellationToken) =>
        await operations.CreateAsync(body, caller, cancellationToken) switch
        {
            { Service: { } created } => TypedResults.CreatedAtRoute(created, "GetService", new { id = created.Id }),
            var refused => refused.ToResult(),
        };

    private static async Task<IResult> UpdateAsync(
        int id, ServiceRequest body, ClaimsPrincipal caller, ServiceOperations operations, CancellationToken cancellationToken) =>
        (await operations.UpdateAsync(id, body, caller, cancellationToken)).ToResult();

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal caller, ServiceOperations operations, CancellationToken cancellationToken) =>
        await operations.DeleteAsync(id, caller, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static Task<ServiceDto?> Find(TaxiiDbContext db, int id, CancellationToken cancellationToken) => ServiceOperations.FindAsync(db, id, cancellationToken);
}
