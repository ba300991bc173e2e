using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Taxii.Feeds.Publishing;
using Taxii.Persistence;

namespace Taxii.Feeds.Jobs;

/// <summary>
/// At start, brings the recurring jobs in line with the feeds (outgoing and incoming) in the database: the API keeps them in line
/// afterwards, but a restored database or a feed deleted while its job storage was elsewhere must not leave strays.
/// </summary>
internal sealed class FeedSchedule(IServiceScopeFactory scopes, JobStorage storage, IRecurringJobManager jobs) : IHostedService
{
    private static readonly string[] JobIdPrefixes = ["outgoing-feed-", "incoming-feed-"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            // a host started without migrating (readiness reports it) has no feeds to schedule yet; the API schedules
            // each feed it saves once the schema is there
            return;
        }

        var scheduler = scope.ServiceProvider.GetRequiredService<FeedScheduler>();
        var feeds = await db.OutgoingFeeds.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var feed in feeds)
        {
            scheduler.Sync(feed);
        }

        var incoming = await db.IncomingFeeds.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var feed in incoming)
        {
            scheduler.Sync(feed);
        }

        var known = feeds.Select(f => f.JobId).Concat(incoming.Select(f => f.JobId)).ToHashSet(StringComparer.Ordinal);
        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs().Where(j => JobIdPrefixes.Any(p => j.Id.StartsWith(p, StringComparison.Ordinal)) && !known.Contains(j.Id)))
        {
            jobs.RemoveIfExists(job.Id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
