using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Feeds.Publishing;
using Taxii.Persistence;
using Taxii.Server.Taxii;

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
    public static IQueryable<OutgoingFeed> Visible(TaxiiDbContext db, ClaimsPrincipal user) => DataAccess.VisibleOutgoingFeeds(db, user);

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

    private static async Task<IResult> CreateAsync(
        OutgoingFeedRequest body, ClaimsPrincipal caller, TaxiiDbContext db, OutgoingFeedSettings settings, FeedScheduler scheduler,
        ServiceDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var feed = new OutgoingFeed { Name = body.Name?.Trim() ?? string.Empty, CreatedAt = now };
        var validation = await settings.ApplyAsync(feed, body, caller, now, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        db.OutgoingFeeds.Add(feed);
        if (await db.IncomingFeeds.AnyAsync(f => f.Name == feed.Name, cancellationToken)
            || !await AuditLog.SaveNewAsync(db, caller, time, () => $"outgoing-feeds/{feed.Id}", OutgoingFeedSettings.Describe(body), cancellationToken))
        {
            return Conflicts.Problem($"A feed named '{feed.Name}' already exists.");
        }

        scheduler.Sync(feed);
        directory.Invalidate();
        return TypedResults.CreatedAtRoute(await FindAsync(db, caller, feed.Id, cancellationToken), "GetOutgoingFeed", new { id = feed.Id });
    }

    private static async Task<IResult> UpdateAsync(
        int id, OutgoingFeedRequest body, ClaimsPrincipal caller, TaxiiDbContext db, OutgoingFeedSettings settings, FeedScheduler scheduler,
        ServiceDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var feed = await Visible(db, caller).Include(f => f.Datasets).Include(f => f.IncomingFeeds).Include(f => f.SourceGroups).Include(f => f.Groups).AsSplitQuery()
            .SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return TypedResults.NotFound();
        }

        feed.Name = body.Name?.Trim() ?? string.Empty;
        var validation = await settings.ApplyAsync(feed, body, caller, time.GetUtcNow(), cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (await db.IncomingFeeds.AnyAsync(f => f.Name == feed.Name, cancellationToken)
            || !await AuditLog.SaveChangeAsync(db, caller, time, "update", $"outgoing-feeds/{id}", OutgoingFeedSettings.Describe(body), cancellationToken))
        {
            return Conflicts.Problem($"A feed named '{feed.Name}' already exists.");
        }

        scheduler.Sync(feed);
        directory.Invalidate();
        return TypedResults.Ok(await FindAsync(db, caller, id, cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, FeedScheduler scheduler, TimeProvider time, CancellationToken cancellationToken)
    {
        var feed = await Visible(db, caller).SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return TypedResults.NotFound();
        }

        db.OutgoingFeeds.Remove(feed);
        AuditLog.Record(db, caller, time, "delete", $"outgoing-feeds/{id}", $"name={feed.Name}");
        await db.SaveChangesAsync(cancellationToken);
        scheduler.Remove(feed);
        return TypedResults.NoContent();
    }

    /// <summary>The newest run of each of the feeds, in two queries whatever their number.</summary>
    private static async Task<Dictionary<int, OutgoingFeedRunDto>> LastRunsAsync(TaxiiDbContext db, List<int> feedIds, CancellationToken cancellationToken)
    {
        var newest = await db.OutgoingFeedRuns.Where(r => feedIds.Contains(r.FeedId)).GroupBy(r => r.FeedId)
            .Select(g => g.Max(r => r.Id)).ToListAsync(cancellationToken);
        var runs = await db.OutgoingFeedRuns.AsNoTracking().Where(r => newest.Contains(r.Id))
            .Select(OutgoingFeedRunDto.Projection).ToListAsync(cancellationToken);
        return runs.ToDictionary(r => r.FeedId);
    }

    private static async Task<OutgoingFeedDto?> FindAsync(TaxiiDbContext db, ClaimsPrincipal caller, int id, CancellationToken cancellationToken)
    {
        var feed = await Visible(db, caller).AsNoTracking().Include(f => f.Datasets).Include(f => f.IncomingFeeds).Include(f => f.SourceGroups).Include(f => f.Groups).AsSplitQuery()
            .SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        return feed is null ? null : OutgoingFeedDto.From(feed, (await LastRunsAsync(db, [id], cancellationToken)).GetValueOrDefault(id));
    }
}
