using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Persistence;

namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>
/// <c>/api/v1/incoming-feeds</c>: feeds that bring intelligence into a dataset. Permissions <c>read incoming-feeds</c> and
/// <c>modify incoming-feeds</c>; a user sees the feeds shared with one of its groups. Feed names are unique across
/// incoming and outgoing feeds.
/// </summary>
internal static class IncomingFeedEndpoints
{
    public static RouteGroupBuilder MapIncomingFeeds(this IEndpointRouteBuilder api)
    {
        var feeds = api.MapGroup("/incoming-feeds").WithTags("Incoming feeds");
        feeds.MapGet("/", ListAsync).WithName("ListIncomingFeeds").RequireAuthorization(Permissions.ReadIncomingFeeds).Produces<Page<IncomingFeedDto>>();
        feeds.MapGet("/{id:int}", GetAsync).WithName("GetIncomingFeed").RequireAuthorization(Permissions.ReadIncomingFeeds);
        feeds.MapPost("/", CreateAsync).WithName("CreateIncomingFeed").RequireAuthorization(Permissions.ModifyIncomingFeeds).Produces<IncomingFeedDto>(StatusCodes.Status201Created);
        feeds.MapPut("/{id:int}", UpdateAsync).WithName("UpdateIncomingFeed").RequireAuthorization(Permissions.ModifyIncomingFeeds).Produces<IncomingFeedDto>();
        feeds.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteIncomingFeed").RequireAuthorization(Permissions.ModifyIncomingFeeds);
        feeds.MapIncomingFeedRuns();
        return feeds;
    }

    /// <summary>Feeds shared with one of the caller's groups; administrators see all.</summary>
    public static IQueryable<IncomingFeed> Visible(TaxiiDbContext db, ClaimsPrincipal user) => DataAccess.VisibleIncomingFeeds(db, user);

    /// <summary>Whether an outgoing feed has the name (incoming names are unique by index): feed names are unique across both.</summary>
    public static Task<bool> NameTakenByOutgoingAsync(TaxiiDbContext db, string name, CancellationToken cancellationToken) =>
        db.OutgoingFeeds.AnyAsync(f => f.Name == name, cancellationToken);

    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, TaxiiDbContext db, int? after, int? limit, string? name, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        return TypedResults.Ok(await PageAsync(db, caller, after, Paging.Limit(limit), name, cancellationToken));
    }

    /// <summary>A page of the feeds the caller sees, in id order after <paramref name="after"/>, each with its newest run.</summary>
    public static async Task<Page<IncomingFeedDto>> PageAsync(TaxiiDbContext db, ClaimsPrincipal caller, int? after, int limit, string? name, CancellationToken cancellationToken)
    {
        var query = Visible(db, caller).AsNoTracking().Where(f => f.Id > (after ?? 0));
        if (!string.IsNullOrEmpty(name))
        {
            query = query.Where(f => f.Name.Contains(name));
        }

        var fetched = await query.OrderBy(f => f.Id).Take(limit + 1).Include(f => f.Groups).AsSplitQuery().ToListAsync(cancellationToken);
        var lastRuns = await LastRunsAsync(db, [.. fetched.Select(f => f.Id)], cancellationToken);
        var dtos = fetched.Select(f => IncomingFeedDto.From(f, lastRuns.GetValueOrDefault(f.Id))).ToList();
        return Paging.ToPage(dtos, limit, f => f.Id);
    }

    private static async Task<Results<Ok<IncomingFeedDto>, NotFound>> GetAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var feed = await FindAsync(db, caller, id, cancellationToken);
        return feed is null ? TypedResults.NotFound() : TypedResults.Ok(feed);
    }

    private static async Task<IResult> CreateAsync(IncomingFeedRequest body, ClaimsPrincipal caller, IncomingFeedOperations feeds, CancellationToken cancellationToken) =>
        await feeds.CreateAsync(body, caller, cancellationToken) switch
        {
            { Feed: { } feed } => TypedResults.CreatedAtRoute(feed, "GetIncomingFeed", new { id = feed.Id }),
            { Invalid: { } validation } => validation.Problem(),
            { Conflict: { } conflict } => Conflicts.Problem(conflict),
            _ => TypedResults.NotFound(),
        };

    private static async Task<IResult> UpdateAsync(int id, IncomingFeedRequest body, ClaimsPrincipal caller, IncomingFeedOperations feeds, CancellationToken cancellationToken) =>
        await feeds.UpdateAsync(id, body, caller, cancellationToken) switch
        {
            { Feed: { } feed } => TypedResults.Ok(feed),
            { Invalid: { } validation } => validation.Problem(),
            { Conflict: { } conflict } => Conflicts.Problem(conflict),
            _ => TypedResults.NotFound(),
        };

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal caller, IncomingFeedOperations feeds, CancellationToken cancellationToken) =>
        await feeds.DeleteAsync(id, caller, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>The newest run of each of the feeds, in two queries whatever their number.</summary>
    public static async Task<Dictionary<int, IncomingFeedRunDto>> LastRunsAsync(TaxiiDbContext db, List<int> feedIds, CancellationToken cancellationToken)
    {
        var newest = await db.IncomingFeedRuns.Where(r => feedIds.Contains(r.FeedId)).GroupBy(r => r.FeedId)
            .Select(g => g.Max(r => r.Id)).ToListAsync(cancellationToken);
        var runs = await db.IncomingFeedRuns.AsNoTracking().Where(r => newest.Contains(r.Id))
            .Select(IncomingFeedRunDto.Projection).ToListAsync(cancellationToken);
        return runs.ToDictionary(r => r.FeedId);
    }

    /// <summary>A feed the caller sees, with its newest run; null when there is none.</summary>
    public static async Task<IncomingFeedDto?> FindAsync(TaxiiDbContext db, ClaimsPrincipal caller, int id, CancellationToken cancellationToken)
    {
        var feed = await Visible(db, caller).AsNoTracking().Include(f => f.Groups).SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        return feed is null ? null : IncomingFeedDto.From(feed, (await LastRunsAsync(db, [id], cancellationToken)).GetValueOrDefault(id));
    }
}
