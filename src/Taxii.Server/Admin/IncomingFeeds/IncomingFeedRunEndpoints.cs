using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Feeds.Ingestion;
using Taxii.Persistence;

namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>An incoming feed's runs: ask for one (<c>modify incoming-feeds</c>) and read the history (<c>read incoming-feeds</c>).</summary>
internal static class IncomingFeedRunEndpoints
{
    public static void MapIncomingFeedRuns(this RouteGroupBuilder feeds)
    {
        feeds.MapPost("/{id:int}/runs", RunAsync).WithName("RunIncomingFeed").RequireAuthorization(Permissions.ModifyIncomingFeeds)
            .Produces<IncomingFeedRunDto>(StatusCodes.Status202Accepted);
        feeds.MapGet("/{id:int}/runs", ListAsync).WithName("ListIncomingFeedRuns").RequireAuthorization(Permissions.ReadIncomingFeeds).Produces<IncomingFeedRunPage>();
        feeds.MapGet("/{id:int}/runs/{runId:long}", GetAsync).WithName("GetIncomingFeedRun").RequireAuthorization(Permissions.ReadIncomingFeeds).Produces<IncomingFeedRunDto>();
    }

    private static async Task<IResult> RunAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, IncomingFeedRunQueue queue, TimeProvider time, CancellationToken cancellationToken)
    {
        var feed = await IncomingFeedEndpoints.Visible(db, caller).AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return TypedResults.NotFound();
        }

        if (!feed.Enabled)
        {
            return Conflicts.Problem($"Feed '{feed.Name}' is disabled: enable it to run it.");
        }

        if (feed.TransportType == IncomingTransportType.ManualUpload)
        {
            return Conflicts.Problem($"Feed '{feed.Name}' takes uploaded files (POST /api/v1/incoming-feeds/{id}/uploads); it has nothing to fetch.");
        }

        var run = await queue.QueueAsync(id, FeedRunTrigger.Manual, enqueue: true, cancellationToken);
        if (run is null)
        {
            return Conflicts.Problem($"Feed '{feed.Name}' already has a run queued or running.");
        }

        AuditLog.Record(db, caller, time, "run", $"incoming-feeds/{id}/runs/{run.Id}");
        await db.SaveChangesAsync(cancellationToken);
        var dto = await db.IncomingFeedRuns.AsNoTracking().Where(r => r.Id == run.Id).Select(IncomingFeedRunDto.Projection).SingleAsync(cancellationToken);
        return TypedResults.AcceptedAtRoute(dto, "GetIncomingFeedRun", new { id, runId = run.Id });
    }

    private static async Task<IResult> ListAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, long? before, int? limit, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        if (!await IncomingFeedEndpoints.Visible(db, caller).AnyAsync(f => f.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var take = Paging.Limit(limit);
        var runs = await db.IncomingFeedRuns.AsNoTracking().Where(r => r.FeedId == id && r.Id < (before ?? long.MaxValue))
            .OrderByDescending(r => r.Id).Take(take + 1).Select(IncomingFeedRunDto.Projection).ToListAsync(cancellationToken);
        return TypedResults.Ok(new IncomingFeedRunPage(runs, Paging.TrimNewestFirst(runs, take, r => r.Id)));
    }

    private static async Task<IResult> GetAsync(int id, long runId, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var run = await db.IncomingFeedRuns.AsNoTracking()
            .Where(r => r.FeedId == id && r.Id == runId && IncomingFeedEndpoints.Visible(db, caller).Any(f => f.Id == id))
            .Select(IncomingFeedRunDto.Projection).SingleOrDefaultAsync(cancellationToken);
        return run is null ? TypedResults.NotFound() : TypedResults.Ok(run);
    }
}
