using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Persistence;

namespace Taxii.Server.Ui.OutgoingFeedsView;

/// <summary>
/// The outgoing feed list's sortable columns, ordered in the database by what the column shows (names and schedules
/// byte-wise, transports and content types by their labels, the last run by when it was queued). No column chosen:
/// creation order. Made for a request: the last run column queries the runs.
/// </summary>
internal sealed class OutgoingFeedSort(TaxiiDbContext db)
    : ListSort<OutgoingFeed>(null, [Name, Transport, ContentType, Schedule, Enabled, LastRun], f => f.Id)
{
    public const string Name = "name";
    public const string Transport = "transport";
    public const string ContentType = "content-type";
    public const string Schedule = "schedule";
    public const string Enabled = "enabled";
    public const string LastRun = "last-run";

    private static readonly Expression<Func<OutgoingFeed, int>> TransportRank =
        RankByLabel(f => f.TransportType, Enum.GetValues<OutgoingTransportType>(), OutgoingFeedLabels.Transport);

    private static readonly Expression<Func<OutgoingFeed, int>> ContentRank =
        RankByLabel(f => f.ContentType, Enum.GetValues<FeedContentType>(), OutgoingFeedLabels.Content);

    protected override IOrderedQueryable<OutgoingFeed> Order(IQueryable<OutgoingFeed> feeds, string column, bool descending) =>
        column switch
        {
            Transport => By(feeds, TransportRank, descending),
            ContentType => By(feeds, ContentRank, descending),
            Schedule => By(feeds, f => EF.Functions.Collate(f.Schedule, "C"), descending),
            Enabled => By(feeds, f => f.Enabled, descending),
            LastRun => By(feeds, f => db.OutgoingFeedRuns.Where(r => r.FeedId == f.Id).Max(r => (DateTimeOffset?)r.QueuedAt), descending),
            // names and schedules byte-wise ("C"), the same on every server whatever its locale
            _ => By(feeds, f => EF.Functions.Collate(f.Name, "C"), descending),
        };
}
