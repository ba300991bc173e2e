using FluentAssertions;
using Taxii.Core.Feeds;
using Taxii.Testing;

namespace Taxii.Server.Tests.Faults;

/// <summary>
/// Two hosts, each with its own job server, on one database: a feed scheduled every minute (the shortest schedule
/// there is: cron has minutes) runs once per minute across both, never twice at once.
/// </summary>
public sealed class TwoHostScheduleTests(TwoHostScheduleTests.Console console) : IClassFixture<TwoHostScheduleTests.Console>
{
    private const int Ticks = 2;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The database seen from the test, running no jobs itself.</summary>
    public sealed class Console : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Taxii:Jobs:RunServer"] = "false" };
    }

    [Fact]
    public async Task A_feed_scheduled_every_minute_runs_once_per_minute_across_two_hosts()
    {
        var dataset = await console.AddDatasetWithValuesAsync("two hosts", ["a.two-hosts.example", "b.two-hosts.example"]);
        var feed = await console.AddOutgoingFeedAsync(new OutgoingFeed
        {
            Name = "every minute",
            TransportType = OutgoingTransportType.HttpDownload,
            ContentType = FeedContentType.PlainText,
            UpdateStrategy = UpdateStrategy.Replace,
            Schedule = "* * * * *",
        }, dataset);
        string[] settings = ["--Taxii:Jobs:WorkerCount=2", "--Taxii:Jobs:QueuePollInterval=00:00:00.200", "--Serilog:MinimumLevel:Default=Warning"];

        var starting = new[]
        {
            ServerProcess.StartServingAsync(console.ConnectionString, settings, StartTimeout),
            ServerProcess.StartServingAsync(console.ConnectionString, settings, StartTimeout),
        };
        await using var first = await starting[0];
        await using var second = await starting[1];
        (await console.ExecuteScalarAsync("SELECT count(*) FROM hangfire.server")).Should().Be(2L, "both hosts run a job server");

        await FaultData.WaitUntilAsync(async () => (await console.GetOutgoingRunsAsync(feed)).Count(r => r.EndedAt is not null) >= Ticks, 60 * (Ticks + 1),
            $"{Ticks} scheduled runs");
        // a duplicate of the last tick would be queued within a second or two of it
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        var runs = await console.GetOutgoingRunsAsync(feed);
        runs.Should().OnlyContain(r => r.Trigger == FeedRunTrigger.Schedule && r.Status == FeedRunStatus.Succeeded);
        runs.GroupBy(r => r.QueuedAt.ToUnixTimeSeconds() / 60).Should().OnlyContain(minute => minute.Count() == 1, "each minute's tick runs the feed once");
        runs.Zip(runs.Skip(1)).Should().OnlyContain(pair => pair.First.EndedAt <= pair.Second.StartedAt, "runs never overlap");
        first.HasExited.Should().BeFalse();
        second.HasExited.Should().BeFalse();
    }
}
