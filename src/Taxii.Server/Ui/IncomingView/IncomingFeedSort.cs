using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Persistence;
using Taxii.Server.Admin;

namespace Taxii.Server.Ui.IncomingView;

/// <summary>
/// The incoming feed list's sortable columns, ordered in the database by what the column shows to
/// <paramref name="user"/>: names byte-wise, transports and content types by their labels, the target dataset by its
/// name where the user sees the dataset and otherwise by the text shown instead (<see cref="DatasetNames.Name"/>), the
/// last run by when it was queued. No column chosen: creation order. Made for a request: the dataset and last run
/// columns query the database.
/// </summary>
internal sealed class IncomingFeedSort(TaxiiDbContext db, ClaimsPrincipal user)
    : ListSort<IncomingFeed>(null, [Name, Transport, ContentType, Dataset, Enabled, LastRun], f => f.Id)
{
    public const string Name = "name";
    public const string Transport = "transport";
    public const string ContentType = "content-type";
    public const string Dataset = "dataset";
    public const string Enabled = "enabled";
    public const string LastRun = "last-run";

    private static readonly Expression<Func<IncomingFeed, int>> TransportRank =
        RankByLabel(f => f.TransportType, Enum.GetValues<IncomingTransportType>(), IntelLabels.Transport);

    private static readonly Expression<Func<IncomingFeed, int>> ContentRank =
        RankByLabel(f => f.ContentType, [null, .. Enum.GetValues<FeedContentType>().Select(t => (FeedContentType?)t)], IntelLabels.ContentType);

    protected override IOrderedQueryable<IncomingFeed> Order(IQueryable<IncomingFeed> feeds, string column, bool descending)
    {
        var datasets = DataAccess.VisibleDatasets(db, user);
        return column switch
        {
            Transport => By(feeds, TransportRank, descending),
            ContentType => By(feeds, ContentRank, descending),
            // what the column shows: the name of a dataset the user sees, otherwise "dataset <id>"
            Dataset => By(feeds, f => EF.Functions.Collate(
                datasets.Where(d => d.Id == f.DatasetId).Select(d => d.Name).FirstOrDefault() ?? DatasetNames.Unseen + f.DatasetId.ToString(), "C"), descending),
            Enabled => By(feeds, f => f.Enabled, descending),
            LastRun => By(feeds, f => db.IncomingFeedRuns.Where(r => r.FeedId == f.Id).Max(r => (DateTimeOffset?)r.QueuedAt), descending),
            // names byte-wise ("C"), the same on every server whatever its locale
            _ => By(feeds, f => EF.Functions.Collate(f.Name, "C"), descending),
        };
    }
}
