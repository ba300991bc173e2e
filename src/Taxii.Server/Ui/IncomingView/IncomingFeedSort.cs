using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Persistence;
using Taxii.Server.Ui.FeedsView;

namespace Taxii.Server.Ui.IncomingView;

/// <summary>
/// The incoming feed list's sortable columns, ordered in the database by what the column shows (names byte-wise,
/// transports and content types by their labels, the last run by when it was queued), then by id so equal values keep
/// one order across pages and reloads.
/// </summary>
internal static class IncomingFeedSort
{
    public const string Name = "name";
    public const string Transport = "transport";
    public const string ContentType = "content-type";
    public const string Dataset = "dataset";
    public const string Enabled = "enabled";
    public const string LastRun = "last-run";

    public static IReadOnlyList<string> Columns { get; } = [Name, Transport, ContentType, Dataset, Enabled, LastRun];

    private static readonly Expression<Func<IncomingFeed, int>> TransportRank =
        FeedOrder.RankByLabel<IncomingFeed, IncomingTransportType>(f => f.TransportType, Enum.GetValues<IncomingTransportType>(), IntelLabels.Transport);

    private static readonly Expression<Func<IncomingFeed, int>> ContentRank =
        FeedOrder.RankByLabel<IncomingFeed, FeedContentType?>(f => f.ContentType, [null, .. Enum.GetValues<FeedContentType>().Select(t => (FeedContentType?)t)], IntelLabels.ContentType);

    public static IOrderedQueryable<IncomingFeed> Apply(TaxiiDbContext db, IQueryable<IncomingFeed> feeds, string? column, bool descending)
    {
        var ordered = column switch
        {
            // "C": byte order, the same on every server whatever its locale
            Name => FeedOrder.By(feeds, f => EF.Functions.Collate(f.Name, "C"), descending),
            Transport => FeedOrder.By(feeds, TransportRank, descending),
            ContentType => FeedOrder.By(feeds, ContentRank, descending),
            Dataset => FeedOrder.By(feeds, f => EF.Functions.Collate(f.Dataset!.Name, "C"), descending),
            Enabled => FeedOrder.By(feeds, f => f.Enabled, descending),
            LastRun => FeedOrder.By(feeds, f => db.IncomingFeedRuns.Where(r => r.FeedId == f.Id).Max(r => (DateTimeOffset?)r.QueuedAt), descending),
            _ => feeds.OrderBy(f => 0),
        };
        return descending ? ordered.ThenByDescending(f => f.Id) : ordered.ThenBy(f => f.Id);
    }
}
