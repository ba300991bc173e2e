using Microsoft.EntityFrameworkCore;
using Taxii.Core.Audit;
using Taxii.Persistence;
using Taxii.Server.Auth;

namespace Taxii.Server.Admin.Audit;

/// <summary><c>/api/v1/audit</c>: every configuration change, newest last; administrators only.</summary>
internal static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder api) =>
        api.MapGet("/audit", ListAsync).WithTags("Audit").WithName("ListAuditEntries").RequireAuthorization(Policies.Admin)
            .Produces<AuditPage>();

    private static async Task<IResult> ListAsync(TaxiiDbContext db, long? after, int? limit, string? resource, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        var query = db.AuditLog.AsNoTracking().Where(a => a.Id > (after ?? 0));
        if (!string.IsNullOrEmpty(resource))
        {
            query = query.Where(a => a.Resource.StartsWith(resource));
        }

        var take = Paging.Limit(limit);
        var fetched = await query.OrderBy(a => a.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = fetched.Count > take ? fetched[take - 1].Id : (long?)null;
        return TypedResults.Ok(new AuditPage([.. fetched.Take(take)], next));
    }
}
