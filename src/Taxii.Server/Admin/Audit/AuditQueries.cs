using Microsoft.EntityFrameworkCore;
using Taxii.Persistence;

namespace Taxii.Server.Admin.Audit;

/// <summary>
/// One page of the audit log, newest first: the query behind both <c>GET /api/v1/audit</c> and the web UI's audit log
/// page, so both filter and page the same way.
/// </summary>
internal static class AuditQueries
{
    /// <summary>
    /// Entries older than <paramref name="before"/> and newer than <paramref name="after"/> whose resource starts with
    /// <paramref name="resource"/>, at most <paramref name="limit"/>, newest first.
    /// </summary>
    public static async Task<AuditPage> PageAsync(
        TaxiiDbContext db, long? before, long? after, int limit, string? resource, CancellationToken cancellationToken)
    {
        var query = db.AuditLog.AsNoTracking().Where(a => a.Id < (before ?? long.MaxValue) && a.Id > (after ?? 0));
        if (!string.IsNullOrEmpty(resource))
        {
            query = query.Where(a => a.Resource.StartsWith(resource));
        }

        var fetched = await query.OrderByDescending(a => a.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return new AuditPage(fetched, Paging.TrimNewestFirst(fetched, limit, a => a.Id));
    }
}
