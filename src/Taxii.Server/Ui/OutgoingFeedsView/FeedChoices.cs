using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Taxii;

namespace Taxii.Server.Ui.OutgoingFeedsView;

/// <summary>
/// What a user may pick on the form: the datasets and incoming feeds it sees, and the groups it belongs to
/// (administrators: all). The shared rules (<c>OutgoingFeedSources</c>) still check every id posted.
/// </summary>
internal sealed record FeedChoices(
    IReadOnlyList<(int Id, string Name)> Datasets, IReadOnlyList<(int Id, string Name)> IncomingFeeds, IReadOnlyList<(int Id, string Name)> Groups)
{
    public static FeedChoices Empty { get; } = new([], [], []);

    public static async Task<FeedChoices> LoadAsync(TaxiiDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var datasets = await DataAccess.VisibleDatasets(db, user).AsNoTracking().OrderBy(d => d.Name).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken);
        var feeds = await DataAccess.VisibleIncomingFeeds(db, user).AsNoTracking().OrderBy(f => f.Name).ThenBy(f => f.Id)
            .Select(f => new { f.Id, f.Name }).ToListAsync(cancellationToken);
        var caller = TaxiiCaller.From(user);
        var groups = await db.Groups.AsNoTracking()
            .Where(g => caller.IsAdmin || db.GroupMemberships.Any(m => m.GroupId == g.Id && m.UserId == caller.UserId))
            .OrderBy(g => g.Name).ThenBy(g => g.Id).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken);
        return new FeedChoices(
            [.. datasets.Select(d => (d.Id, d.Name))], [.. feeds.Select(f => (f.Id, f.Name))], [.. groups.Select(g => (g.Id, g.Name))]);
    }

    public string DatasetName(int id) => Name(Datasets, id, "dataset");

    public string IncomingFeedName(int id) => Name(IncomingFeeds, id, "incoming feed");

    public string GroupName(int id) => Name(Groups, id, "group");

    private static string Name(IReadOnlyList<(int Id, string Name)> list, int id, string kind) =>
        list.FirstOrDefault(c => c.Id == id).Name ?? $"{kind} {id}";
}
