using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Persistence;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin.Services;

/// <summary>
/// Reading, checking, changing and deleting a TAXII service: the rules behind both <c>/api/v1/services</c> and the web
/// UI's TAXII settings, so that both refuse the same requests with the same messages and record the same audit entries.
/// A change is seen by TAXII clients at once: the service directory's cache is dropped.
/// </summary>
internal sealed class ServiceOperations(TaxiiDbContext db, ServiceDirectory directory, TimeProvider time)
{
    public static Task<ServiceDto?> FindAsync(TaxiiDbContext db, int id, CancellationToken cancellationToken) =>
        db.Services.AsNoTracking().Where(s => s.Id == id).Select(ServiceDto.Projection).SingleOrDefaultAsync(cancellationToken);

    /// <summary>A new service; its <see cref="ServiceChange.Service"/> carries the id it was given.</summary>
    public async Task<ServiceChange> CreateAsync(ServiceRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var validation = await ValidateAsync(body, db, cancellationToken);
        if (!validation.IsValid)
        {
            return new ServiceChange(null, validation, null);
        }

        var now = time.GetUtcNow();
        var service = new Service { Path = body.Path.Trim(), CreatedAt = now };
        await ApplyAsync(service, body, db, now, cancellationToken);
        db.Services.Add(service);
        if (!await AuditLog.SaveNewAsync(db, caller, time, () => $"services/{service.Id}", Describe(body), cancellationToken))
        {
            return new ServiceChange(null, null, $"A service already answers at '{service.Path}'.");
        }

        directory.Invalidate();
        return new ServiceChange(await FindAsync(db, service.Id, cancellationToken), null, null);
    }

    public async Task<ServiceChange> UpdateAsync(int id, ServiceRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var service = await db.Services.Include(s => s.Collections).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null)
        {
            return ServiceChange.NotFound;
        }

        var validation = await ValidateAsync(body, db, cancellationToken);
        if (!validation.IsValid)
        {
            return new ServiceChange(null, validation, null);
        }

        service.Path = body.Path.Trim();
        await ApplyAsync(service, body, db, time.GetUtcNow(), cancellationToken);
        if (!await AuditLog.SaveChangeAsync(db, caller, time, "update", $"services/{id}", Describe(body), cancellationToken))
        {
            return new ServiceChange(null, null, $"A service already answers at '{service.Path}'.");
        }

        directory.Invalidate();
        return new ServiceChange(await FindAsync(db, id, cancellationToken), null, null);
    }

    /// <summary>False when there is no such service.</summary>
    public async Task<bool> DeleteAsync(int id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null)
        {
            return false;
        }

        db.Services.Remove(service);
        AuditLog.Record(db, caller, time, "delete", $"services/{id}", $"path={service.Path}");
        await db.SaveChangesAsync(cancellationToken);
        directory.Invalidate();
        return true;
    }

    public static async Task<Validation> ValidateAsync(ServiceRequest body, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var path = body.Path?.Trim();
        var validation = new Validation().Require("path", path, 1024).MaxLength("description", body.Description, 4000)
            .Check(path is null || (path.StartsWith('/') && Uri.IsWellFormedUriString(path, UriKind.Relative) && !path.Contains('?') && !path.Contains('#')),
                "path", "path is an absolute URL path such as /taxii-poll-service/")
            .Check(path is null || !ReservedPaths.IsReserved(path), "path", "that path belongs to the server itself")
            .Check(body.Type is ServiceType.Inbox or ServiceType.Poll or ServiceType.CollectionManagement || (body.CollectionIds ?? []).Count == 0,
                "collectionIds", "a discovery service serves no collections")
            .Check(!body.AdvertiseDefaultQuery || Service.TakesQueries(body.Type),
                "advertiseDefaultQuery", "only poll and collection management services take queries");
        var ids = body.CollectionIds ?? [];
        var existing = await db.Collections.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var missing in ids.Except(existing))
        {
            validation.Add("collectionIds", $"collection {missing} does not exist");
        }

        return validation;
    }

    public static async Task ApplyAsync(Service service, ServiceRequest body, TaxiiDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = body.CollectionIds ?? [];
        service.Type = body.Type;
        service.Description = body.Description;
        service.Available = body.Available;
        service.AuthenticationRequired = body.AuthenticationRequired;
        service.DestinationCollectionRequired = body.DestinationCollectionRequired;
        service.AdvertiseDefaultQuery = body.AdvertiseDefaultQuery;
        service.Collections = await db.Collections.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        service.UpdatedAt = now;
    }

    public static string Describe(ServiceRequest body) =>
        $"type={body.Type}; path={body.Path}; available={body.Available}; authentication={body.AuthenticationRequired}; advertiseDefaultQuery={body.AdvertiseDefaultQuery}; collections={string.Join(",", body.CollectionIds ?? [])}";
}
