using System.Data;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Feeds.Publishing;
using Taxii.Persistence;

namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>
/// A feed's runs: ask for one (<c>modify outgoing-feeds</c>), read the history (<c>read outgoing-feeds</c>), and download
/// the packages of HTTP download feeds, which any member of the feed's groups may (no permission needed: the groups
/// are the feed's audience), <c>latest</c> naming the newest successful run.
/// </summary>
internal static class OutgoingFeedRunEndpoints
{
    public static void MapOutgoingFeedRuns(this RouteGroupBuilder feeds)
    {
        feeds.MapPost("/{id:int}/runs", RunAsync).WithName("RunOutgoingFeed").RequireAuthorization(Permissions.ModifyOutgoingFeeds)
            .Produces<OutgoingFeedRunDto>(StatusCodes.Status202Accepted);
        feeds.MapGet("/{id:int}/runs", ListAsync).WithName("ListOutgoingFeedRuns").RequireAuthorization(Permissions.ReadOutgoingFeeds).Produces<OutgoingFeedRunPage>();
        feeds.MapGet("/{id:int}/runs/{runId:long}", GetAsync).WithName("GetOutgoingFeedRun").RequireAuthorization(Permissions.ReadOutgoingFeeds).Produces<OutgoingFeedRunDto>();
        feeds.MapGet("/{id:int}/runs/latest", GetLatestAsync).WithName("GetLatestOutgoingFeedRun").Produces<OutgoingFeedRunDto>();
        feeds.MapGet("/{id:int}/runs/{runId:long}/packages/{sequence:int}", DownloadAsync).WithName("DownloadOutgoingFeedPackage")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        feeds.MapGet("/{id:int}/runs/latest/packages/{sequence:int}", DownloadLatestAsync).WithName("DownloadLatestOutgoingFeedPackage")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
    }

    private static async Task<IResult> RunAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, FeedRunQueue queue, TimeProvider time, CancellationToken cancellationToken)
    {
        var feed = await OutgoingFeedEndpoints.Visible(db, caller).AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return TypedResults.NotFound();
        }

        if (!feed.Enabled)
        {
            return Conflicts.Problem($"Feed '{feed.Name}' is disabled: enable it to run it.");
        }

        var run = await queue.QueueAsync(id, FeedRunTrigger.Manual, enqueue: true, cancellationToken);
        if (run is null)
        {
            return Conflicts.Problem($"Feed '{feed.Name}' already has a run queued or running.");
        }

        AuditLog.Record(db, caller, time, "run", $"outgoing-feeds/{id}/runs/{run.Id}");
        await db.SaveChangesAsync(cancellationToken);
        var dto = await db.OutgoingFeedRuns.AsNoTracking().Where(r => r.Id == run.Id).Select(OutgoingFeedRunDto.Projection).SingleAsync(cancellationToken);
        return TypedResults.AcceptedAtRoute(dto, "GetOutgoingFeedRun", new { id, runId = run.Id });
    }

    private static async Task<IResult> ListAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, long? before, int? limit, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        if (!await OutgoingFeedEndpoints.Visible(db, caller).AnyAsync(f => f.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var take = Paging.Limit(limit);
        var runs = await db.OutgoingFeedRuns.AsNoTracking().Where(r => r.FeedId == id && r.Id < (before ?? long.MaxValue))
            .OrderByDescending(r => r.Id).Take(take + 1).Select(OutgoingFeedRunDto.Projection).ToListAsync(cancellationToken);
        return TypedResults.Ok(new OutgoingFeedRunPage(runs, Paging.TrimNewestFirst(runs, take, r => r.Id)));
    }

    private static async Task<IResult> GetAsync(int id, long runId, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var run = await Runs(db, caller, id).Where(r => r.Id == runId).Select(OutgoingFeedRunDto.Projection).SingleOrDefaultAsync(cancellationToken);
        return run is null ? TypedResults.NotFound() : TypedResults.Ok(run);
    }

    private static async Task<IResult> GetLatestAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var run = await Latest(Runs(db, caller, id)).Select(OutgoingFeedRunDto.Projection).FirstOrDefaultAsync(cancellationToken);
        return run is null ? TypedResults.NotFound() : TypedResults.Ok(run);
    }

    private static async Task<IResult> DownloadAsync(int id, long runId, int sequence, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken) =>
        await PackageAsync(Runs(db, caller, id).Where(r => r.Id == runId), sequence, db, cancellationToken);

    private static async Task<IResult> DownloadLatestAsync(int id, int sequence, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken) =>
        await PackageAsync(Latest(Runs(db, caller, id)).Take(1), sequence, db, cancellationToken);

    /// <summary>The runs of a feed the caller sees (through its groups, or as administrator).</summary>
    private static IQueryable<OutgoingFeedRun> Runs(TaxiiDbContext db, ClaimsPrincipal caller, int feedId) =>
        db.OutgoingFeedRuns.AsNoTracking().Where(r => r.FeedId == feedId && OutgoingFeedEndpoints.Visible(db, caller).Any(f => f.Id == feedId));

    private static IQueryable<OutgoingFeedRun> Latest(IQueryable<OutgoingFeedRun> runs) =>
        runs.Where(r => r.Status == FeedRunStatus.Succeeded).OrderByDescending(r => r.Id);

    /// <summary>Streams the package's bytes from PostgreSQL to the response: a 100 MiB package is never held in memory.</summary>
    private static async Task<IResult> PackageAsync(IQueryable<OutgoingFeedRun> run, int sequence, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var package = await db.OutgoingFeedPackages.AsNoTracking()
            .Where(p => p.Sequence == sequence && run.Any(r => r.Id == p.RunId) && p.Content != null)
            .Select(p => new { p.Id, p.FileName, p.MediaType, p.Size })
            .SingleOrDefaultAsync(cancellationToken);
        if (package is null)
        {
            return TypedResults.NotFound();
        }

        var connectionString = db.Database.GetConnectionString();
        return Results.Stream(async body =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT content FROM outgoing_feed_packages WHERE id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = package.Id });
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                await using var content = await reader.GetStreamAsync(0, cancellationToken);
                await content.CopyToAsync(body, cancellationToken);
            }
        }, package.MediaType, package.FileName);
    }
}
