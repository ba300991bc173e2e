using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Persistence;

namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>
/// <c>/api/v1/outgoing-feeds</c>: feeds that publish datasets. Permissions <c>read outgoing-feeds</c> and
/// <c>modify outgoing-feeds</c>; a user sees the feeds shared with one of its groups. Saving a feed updates its
/// schedule at once (a disabled feed has none).
/// </summary>
internal static class OutgoingFeedEndpoints
{
    public static void MapOutgoingFeeds(this IEndpointRouteBuilder api)
    {
        var feeds = api.MapGroup("/outgoing-feeds").WithTags("Outgoing feeds");
        feeds.MapGet("/", ListAsync).WithName("ListOutgoingFeeds").RequireAuthorization(Permissions.ReadOutgoingFeeds).Produces<Page<OutgoingFeedDto>>();
        feeds.MapGet("/{id:int}", GetAsync).WithName("GetOutgoingFeed").RequireAuthorization(Permissions.ReadOutgoingFeeds);
        feeds.MapPost("/", CreateAsync).WithName("CreateOutgoingFeed").RequireAuthorization(Permissions.ModifyOutgoingFeeds).Produces<OutgoingFeedDto>(StatusCodes.Status201Created);
        feeds.MapPut("/{id:int}", UpdateAsync).WithName("UpdateOutgoingFeed").RequireAuthorization(Permissions.ModifyOutgoingFeeds).Produces<OutgoingFeedDto>();
        feeds.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteOutgoingFeed").RequireAuthorization(Permissions.ModifyOutgoingFeeds);
        feeds.MapOutgoingFeedRuns();
    }

    /// <summary>Feeds shared with one of the caller's groups; administrators see all.</summary>
    public static IQueryable<OutgoingFeed> Visible(TaxiiDbContext db, ClaimsPrincipal user) => OutgoingFeedOperations.Visible(db, user);

    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, TaxiiDbContext db, int? after, int? limit, string? name, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        var query = Visible(db, caller).AsNoTracking().Where(f => f.Id > (after ?? 0));
        if (!string.IsNullOrEmpty(name))
        {
            query = query.Where(f => f.Name.Contains(name));
        }

        var fetched = await query.OrderBy(f => f.Id).Take(Paging.Limit(limit) + 1)
            .Include(f => f.Datasets).Include(f => f.IncomingFeeds).Include(f => f.SourceGroups).Include(f => f.Groups).AsSplitQuery().ToListAsync(cancellationToken);
        var lastRuns = await LastRunsAsync(db, [.. fetched.Select(f => f.Id)], cancellationToken);
        var dtos = fetched.Select(f => OutgoingFeedDto.From(f, lastRuns.GetValueOrDefault(f.Id))).ToList();

        return TypedResults.Ok(Paging.ToPage(dtos, Paging.Limit(limit), f => f.Id));
    }

    private static async Task<Results<Ok<OutgoingFeedDto>, NotFound>> GetAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var feed = await FindAsync(db, caller, id, cancellationToken);
        return feed is null ? TypedResults.NotFound() : TypedResults.Ok(feed);
    }

    private static async Task<IResult> CreateAsync(OutgoingFeedRequest body, ClaimsPrincipal caller, OutgoingFeedOperations operations, CancellationToken cancellationToken) =>
        (await operations.CreateAsync(body, caller, cancellationToken)).ToResult(feed => TypedResults.CreatedAtRoute(feed, "GetOutgoingFeed", new { id = feed.Id }));

    private static async Task<IResult> UpdateAsync(int id, OutgoingFeedRequest body, ClaimsPrincipal caller, OutgoingFeedOperations operations, CancellationToken cancellationToken) =>
        (await operations.UpdateAsync(id, body, caller, cancellationToken)).ToResult(TypedResults.Ok);

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal caller, OutgoingFeedOperations operations, CancellationToken cancellationToken) =>
        await operations.DeleteAsync(id, caller, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static Task<Dictionary<int, OutgoingFeedRunDto>> LastRunsAsync(TaxiiDbContext db, List<int> feedIds, CancellationToken cancellationToken) =>
        OutgoingFeedOperations.LastRunsAsync(db, feedIds, cancellationToken);

    private static Task<OutgoingFeedDto?> FindAsync(TaxiiDbContext db, ClaimsPrincipal caller, int id, CancellationToken cancellationToken) =>
        OutgoingFeedOperations.FindAsync(db, caller, id, cancellationToken);
}
