using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
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

    private static async Task<IResult> RunAsync(int id, ClaimsPrincipal caller, OutgoingFeedOperations operations, CancellationToken cancellationToken) =>
        await operations.RunAsync(id, caller, cancellationToken) switch
        {
            { Run: { } run } => TypedResults.AcceptedAtRoute(run, "GetOutgoingFeedRun", new { id, runId = run.Id }),
            { Conflict: { } conflict } => Conflicts.Problem(conflict),
            _ => TypedResults.NotFound(),
        };

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

        return TypedResults.Ok(await OutgoingFeedOperations.RunPageAsync(db, id, before, Paging.Limit(limit), cancellationToken));
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

    private static IQueryable<OutgoingFeedRun> Runs(TaxiiDbContext db, ClaimsPrincipal caller, int feedId) => OutgoingFeedOperations.Runs(db, caller, feedId);

    private static IQueryable<OutgoingFeedRun> Latest(IQueryable<OutgoingFeedRun> runs) => OutgoingFeedOperations.Latest(runs);

    /// <summary>Streams the package's bytes from PostgreSQL to the response: a 100 MiB package is never held in memory.</summary>
    private static async Task<IResult> PackageAsync(IQueryable<OutgoingFeedRun> run, int sequence, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        if (await OutgoingFeedOperations.FindPackageAsync(db, run, sequence, cancellationToken) is not { } package)
        {
            return TypedResults.NotFound();
        }

        var connectionString = db.Database.GetConnectionString();
        return Results.Stream(body => OutgoingFeedOperations.CopyPackageAsync(connectionString, package, body, cancellationToken), package.MediaType, package.FileName);
    }
}
