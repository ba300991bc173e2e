using System.Security.Claims;
using Taxii.Core.Security;
using Taxii.Persistence;

namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>
/// An incoming feed's runs: ask for one (<c>modify incoming-feeds</c>) and read the history (<c>read incoming-feeds</c>).
/// The rules are in <see cref="IncomingFeedRunOperations"/>, shared with the web UI.
/// </summary>
internal static class IncomingFeedRunEndpoints
{
    public static void MapIncomingFeedRuns(this RouteGroupBuilder feeds)
    {
        feeds.MapPost("/{id:int}/runs", RunAsync).WithName("RunIncomingFeed").RequireAuthorization(Permissions.ModifyIncomingFeeds)
            .Produces<IncomingFeedRunDto>(StatusCodes.Status202Accepted);
        feeds.MapGet("/{id:int}/runs", ListAsync).WithName("ListIncomingFeedRuns").RequireAuthorization(Permissions.ReadIncomingFeeds).Produces<IncomingFeedRunPage>();
        feeds.MapGet("/{id:int}/runs/{runId:long}", GetAsync).WithName("GetIncomingFeedRun").RequireAuthorization(Permissions.ReadIncomingFeeds).Produces<IncomingFeedRunDto>();
    }

    private static async Task<IResult> RunAsync(int id, ClaimsPrincipal caller, IncomingFeedRunOperations runs, CancellationToken cancellationToken) =>
        await runs.RunNowAsync(id, caller, cancellationToken) switch
        {
            { Run: { } run } => TypedResults.AcceptedAtRoute(run, "GetIncomingFeedRun", new { id, runId = run.Id }),
            { Conflict: { } conflict } => Conflicts.Problem(conflict),
            _ => TypedResults.NotFound(),
        };

    private static async Task<IResult> ListAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, long? before, int? limit, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        var page = await IncomingFeedRunOperations.PageAsync(db, caller, id, before, Paging.Limit(limit), cancellationToken);
        return page is null ? TypedResults.NotFound() : TypedResults.Ok(page);
    }

    private static async Task<IResult> GetAsync(int id, long runId, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var run = await IncomingFeedRunOperations.FindAsync(db, caller, id, runId, cancellationToken);
        return run is null ? TypedResults.NotFound() : TypedResults.Ok(run);
    }
}
