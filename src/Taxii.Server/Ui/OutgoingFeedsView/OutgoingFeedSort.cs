using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Persistence;
using Taxii.Server.Ui.FeedsView;

namespace Taxii.Server.Ui.OutgoingFeedsView;

/// <summary>
/// The outgoing feed list's sortable columns, ordered in the database by what the column shows (names and schedules
/// byte-wise, transports and content types by their labels, the last run by when it was queued), then by id so equal
/// values keep one order across pages and reloads.
/// </summary>
internal static class OutgoingFeedSort
{
    public const string Name = "name";
    public const string Transport = "transport";
    public const string ContentType = "content-type";
    public const string Schedule = "schedule";
    public const string Enabled = "enabled";
    public const string LastRun = "last-run";

    public static IReadOnlyList<string> Columns { get; } = [Name, Transport, ContentType, Schedule, Enabled, LastRun];

    private static readonly Expression<Func<OutgoingFeed, int>> TransportRank =
        FeedOrder.RankByLabel<OutgoingFeed, OutgoingTransportType>(f => f.TransportType, Enum.GetValues<OutgoingTransportType>(), OutgoingFeedLabels.Transport);

    private static readonly Expression<Func<OutgoingFeed, int>> ContentRank =
        FeedOrder.RankByLabel<OutgoingFeed, FeedContentType>(f => f.ContentType, Enum.GetValues<FeedContentType>(), OutgoingFeedLabels.Content);

    public static IOrderedQueryable<OutgoingFeed> Apply(TaxiiDbContext db, IQueryable<OutgoingFeed> feeds, string? column, bool descending)
    {
        var ordered = column switch
        {
            // "C": byte order, the same on every server whatever its locale
            Name => FeedOrder.By(feeds, f => EF.Functions.Collate(f.Name, "C"), descending),
            Transport => FeedOrder.By(feeds, TransportRank, descending),
            ContentType => FeedOrder.By(feeds, ContentRank, descending),
            Schedule => FeedOrder.By(feeds, f => EF.Functions.Collate(f.Schedule, "C"), descending),
            Enabled => FeedOrder.By(feeds, f => f.Enabled, descending),
            LastRun => FeedOrder.By(feeds, f => db.OutgoingFeedRuns.Where(r => r.FeedId == f.Id).Max(r => (DateTimeOffset?)r.QueuedAt), descending),
            _ => feeds.OrderBy(f => 0),
        };
        return descending ? ordered.ThenByDescending(f => f.Id) : ordered.ThenBy(f => f.Id);
    }
}
