using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Feeds;
using Taxii.Feeds.Jobs;
using Taxii.Testing;

namespace Taxii.Server.Tests.Faults;

/// <summary>
/// A run recorded as queued by a host that stopped before handing it to the job server is never started by any job,
/// and would block every later run of its feed: the sweep closes it once it is older than an hour and runs the feed again.
/// </summary>
public sealed class LostQueuedRunTests(TaxiiAppFactory app) : IClassFixture<TaxiiAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_queued_long_ago_and_never_started_is_closed_and_the_feed_runs_again()
    {
        var dataset = await app.AddDatasetWithValuesAsync("lost runs", ["lost.example", "found.example"]);
        var lostFeed = await AddFeedAsync("lost queued run", dataset);
        var waitingFeed = await AddFeedAsync("waiting queued run", dataset);
        // as a host leaves them: one queued two hours ago, one a minute ago (still waiting for a worker, perhaps)
        await app.ExecuteSqlAsync($"""
            INSERT INTO outgoing_feed_runs (feed_id, trigger, status, queued_at, entity_count, removed_count, observable_count, package_count, total_bytes)
            VALUES ({lostFeed}, 'Manual', 'Queued', now() - interval '2 hours', 0, 0, 0, 0, 0), ({waitingFeed}, 'Manual', 'Queued', now() - interval '1 minute', 0, 0, 0, 0, 0)
            """);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InterruptedRunSweepJob>().SweepAsync(Ct);
        }

        await FaultData.WaitUntilAsync(async () => (await app.GetOutgoingRunsAsync(lostFeed)).Any(r => r.Status == FeedRunStatus.Succeeded), 60,
            "the lost run's feed runs again", () => string.Join("; ", app.Logs.Errors().Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture))));
        var runs = await app.GetOutgoingRunsAsync(lostFeed);
        runs.Select(r => (r.Trigger, r.Status)).Should().Equal((FeedRunTrigger.Manual, FeedRunStatus.Failed), (FeedRunTrigger.Recovery, FeedRunStatus.Succeeded));
        runs[0].Error.Should().StartWith("lost: queued but not started");
        runs[1].EntityCount.Should().Be(2);
        (await app.GetOutgoingRunsAsync(waitingFeed)).Should().ContainSingle()
            .Which.Status.Should().Be(FeedRunStatus.Queued, "a run queued a minute ago may still be waiting for a worker");
    }

    private Task<int> AddFeedAsync(string name, int dataset) =>
        app.AddOutgoingFeedAsync(new OutgoingFeed
        {
            Name = name,
            TransportType = OutgoingTransportType.HttpDownload,
            ContentType = FeedContentType.PlainText,
            UpdateStrategy = UpdateStrategy.Replace,
        }, dataset);
}
