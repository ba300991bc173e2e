using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Feeds.Ingestion;
using Taxii.Persistence;

namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>
/// An incoming feed's runs: asking for one now and reading the history, newest first. The rules behind
/// <c>/api/v1/incoming-feeds/{id}/runs</c> and the web UI's feed page.
/// </summary>
internal sealed class IncomingFeedRunOperations(TaxiiDbContext db, IncomingFeedRunQueue queue, TimeProvider time)
{
    /// <summary>Queues a manual run of a feed the caller sees, if it is enabled, fetches (not uploads) and has none active.</summary>
    public async Task<IncomingFeedRunOutcome> RunNowAsync(int id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var feed = await IncomingFeedEndpoints.Visible(db, caller).AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return IncomingFeedRunOutcome.NotFound;
        }

        if (!feed.Enabled)
        {
            return new(null, Conflict: $"Feed '{feed.Name}' is disabled: enable it to run it.");
        }

        if (feed.TransportType == IncomingTransportType.ManualUpload)
        {
            return new(null, Conflict: $"Feed '{feed.Name}' takes uploaded files (POST /api/v1/incoming-feeds/{id}/uploads); it has nothing to fetch.");
        }

        var run = await queue.QueueAsync(id, FeedRunTrigger.Manual, enqueue: true, cancellationToken);
        if (run is null)
        {
            return new(null, Conflict: $"Feed '{feed.Name}' already has a run queued or running.");
        }

        AuditLog.Record(db, caller, time, "run", $"incoming-feeds/{id}/runs/{run.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return new(await db.IncomingFeedRuns.AsNoTracking().Where(r => r.Id == run.Id).Select(IncomingFeedRunDto.Projection).SingleAsync(cancellationToken));
    }

    /// <summary>A page of the runs of a feed the caller sees, older than <paramref name="before"/>; null when there is no such feed.</summary>
    public static async Task<IncomingFeedRunPage?> PageAsync(TaxiiDbContext db, ClaimsPrincipal caller, int id, long? before, int take, CancellationToken cancellationToken)
    {
        if (!await IncomingFeedEndpoints.Visible(db, caller).AnyAsync(f => f.Id == id, cancellationToken))
        {
            return null;
        }

        var runs = await db.IncomingFeedRuns.AsNoTracking().Where(r => r.FeedId == id && r.Id < (before ?? long.MaxValue))
            .OrderByDescending(r => r.Id).Take(take + 1).Select(IncomingFeedRunDto.Projection).ToListAsync(cancellationToken);
        return new IncomingFeedRunPage(runs, Paging.TrimNewestFirst(runs, take, r => r.Id));
    }

    /// <summary>One run of a feed the caller sees, or null.</summary>
    public static Task<IncomingFeedRunDto?> FindAsync(TaxiiDbContext db, ClaimsPrincipal caller, int id, long runId, CancellationToken cancellationToken) =>
        db.IncomingFeedRuns.AsNoTracking()
            .Where(r => r.FeedId == id && r.Id == runId && IncomingFeedEndpoints.Visible(db, caller).Any(f => f.Id == id))
            .Select(IncomingFeedRunDto.Projection).SingleOrDefaultAsync(cancellationToken);
}
