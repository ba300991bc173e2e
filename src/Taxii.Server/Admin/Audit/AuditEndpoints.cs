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

        return TypedResults.Ok(await AuditQueries.PageAsync(db, before, after, Paging.Limit(limit), resource, cancellationToken));
    }
}
