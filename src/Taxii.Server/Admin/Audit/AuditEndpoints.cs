using Microsoft.EntityFrameworkCore;
using Taxii.Core.Audit;
using Taxii.Persistence;
using Taxii.Server.Auth;

namespace Taxii.Server.Admin.Audit;

/// <summary>
/// <c>/api/v1/audit</c>: every configuration change, newest first (what an administrator looks for), keyset-paged:
/// <c>before</c> takes the page's <c>next</c> for older entries; <c>after</c> keeps only entries newer than an id seen
/// before. Administrators only.
/// </summary>
internal static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder api) =>
        api.MapGet("/audit", ListAsync).WithTags("Audit").WithName("ListAuditEntries").RequireAuthorization(Policies.Admin)
            .Produces<AuditPage>();

    private static async Task<IResult> ListAsync(
        TaxiiDbContext db, long? before, long? after, int? limit, string? resource, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        var query = db.AuditLog.AsNoTracking().Where(a => a.Id < (before ?? long.MaxValue) && a.Id > (after ?? 0));
        if (!string.IsNullOrEmpty(resource))
        {
            query = query.Where(a => a.Resource.StartsWith(resource));
        }

        var take = Paging.Limit(limit);
        var fetched = await query.OrderByDescending(a => a.Id).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(new AuditPage(fetched, Paging.TrimNewestFirst(fetched, take, a => a.Id)));
    }
}
