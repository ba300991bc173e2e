using System.Collections.Concurrent;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Feeds.Publishing;
using Taxii.Persistence;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Taxii.Testing;
using static Taxii.Server.Tests.Taxii.TaxiiData;

namespace Taxii.Server.Tests.Faults;

/// <summary>
/// The host killed with SIGKILL while it takes inbox messages, ingests them (an inbox feed) and publishes a dataset
/// (a mount-point feed): a second start loses nothing that was acknowledged, stores nothing twice or in part, and
/// re-runs what was cut short on its own.
/// </summary>
public sealed class HostKillTests(HostKillTests.Console console) : IClassFixture<HostKillTests.Console>
{
    private const string Password = "host kill password";
    private const string Interrupted = "interrupted: the host running it stopped before it ended";
    private const int BlocksPerMessage = 4;
    private const int LinesPerBlock = 10;
    private const int PublishedValues = 30_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The same database seen from the test: seeds it and reads it back, running no jobs itself (the server
    /// processes do), so only the killed process and its successor carry out runs.
    /// </summary>
    public sealed class Console : TaxiiAppFactory
    {
        public string MountPoint { get; } = TempDirectory.Create("taxii-kill-mount");

        public User Member { get; private set; } = null!;

        public string[] ProcessSettings =>
        [
            "--Taxii:Jobs:WorkerCount=4",
            "--Taxii:Jobs:QueuePollInterval=00:00:00.200",
            $"--Taxii:MountPoints:PushAllowedDirectories:0={MountPoint}",
            // small packages: the publication is many files, so the kill lands in the middle of it
            "--Taxii:Limits:MaxBlobSize=8192",
            "--Serilog:MinimumLevel:Default=Warning",
        ];

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Jobs:RunServer"] = "false",
            ["Taxii:MountPoints:PushAllowedDirectories:0"] = MountPoint,
        };

        protected override async Task SeedAsync() => Member = await CreateUserAsync("host-kill-member", Password);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_killed_mid_push_mid_ingestion_and_mid_publication_loses_nothing_and_reruns_what_was_cut_short()
    {
        var collection = await console.AddCollectionAsync("host-kill-inbox");
        await console.GrantAsync(console.Member, collection, read: true, write: true);
        var senders = await console.AddGroupAsync("host kill senders", console.Member.Id);
        var inboxDataset = await console.AddDatasetAsync("host kill inbox");
        var inboxFeed = await console.AddIncomingFeedAsync(new IncomingFeed
        {
            Name = "host kill inbox",
            DatasetId = inboxDataset,
            TransportType = IncomingTransportType.TaxiiInbox,
            ContentType = FeedContentType.PlainText,
            Transport = new IncomingTransportSettings { CollectionName = collection.Name },
        }, senders);
        string[] published = [.. Enumerable.Range(0, PublishedValues).Select(i => $"p{i}.published.example")];
        var publishedDataset = await console.AddDatasetWithValuesAsync("host kill published", published);
        var outDirectory = Path.Combine(console.MountPoint, "out");
        var outFeed = await console.AddOutgoingFeedAsync(new OutgoingFeed
        {
            Name = "host kill published",
            TransportType = OutgoingTransportType.MountPoint,
            Transport = new OutgoingTransportSettings { Directory = outDirectory },
            ContentType = FeedContentType.PlainText,
            UpdateStrategy = UpdateStrategy.Replace,
        }, publishedDataset);

        var acknowledged = new ConcurrentBag<int>();
        await using (var first = await ServerProcess.StartServingAsync(console.ConnectionString, console.ProcessSettings, StartTimeout))
        {
            using var stop = new CancellationTokenSource();
            var next = -1;
            // two senders at once: the inbox feed's runs keep taking what arrives while they last
            var pushers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                var client = new TaxiiClient(new HttpClient { BaseAddress = first.BaseAddress },
                    new TaxiiClientOptions { UserName = console.Member.Name, Password = Password, Timeout = TimeSpan.FromSeconds(30) });
                while (!stop.IsCancellationRequested)
                {
                    var message = Interlocked.Increment(ref next);
                    try
                    {
                        var status = await client.InboxAsync(new Uri(first.BaseAddress, Inbox), MessageOf(message, collection.Name), CancellationToken.None);
                        if (status.Status == StatusType.Success)
                        {
                            acknowledged.Add(message);
                        }

                        await Task.Delay(20, CancellationToken.None); // enough to fill runs, not so much that checking it takes long
                    }
                    catch (TaxiiStatusException)
                    {
                        // refused: not acknowledged
                    }
                    catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException)
                    {
                        return; // the host is gone: this message was never acknowledged
                    }
                }
            }, CancellationToken.None)).ToList();

            await FaultData.WaitUntilAsync(async () => acknowledged.Count >= 10 && (await console.GetIncomingRunsAsync(inboxFeed)).Exists(r => r.Status == FeedRunStatus.Running), 60, "pushes are taken and ingested",
                () => $"{acknowledged.Count} acknowledged; output:\n{string.Join('\n', first.Output.TakeLast(40))}");
            await using (var scope = console.Services.CreateAsyncScope())
            {
                (await scope.ServiceProvider.GetRequiredService<FeedRunQueue>().QueueAsync(outFeed, FeedRunTrigger.Manual, enqueue: true, Ct)).Should().NotBeNull();
            }

            // the kill: once the publication has written some of its files, while pushes and ingestion go on
            await FaultData.WaitUntilAsync(() => Task.FromResult(Directory.Exists(outDirectory) && Directory.GetFiles(outDirectory, "*.txt").Length >= 3), 60, "the publication is under way",
                () => $"{string.Join(", ", acknowledged.Count)}; output:\n{string.Join('\n', first.Output.TakeLast(40))}");
            await first.KillHardAsync();
            stop.Cancel();
            await Task.WhenAll(pushers);
        }

        var cutIngestion = (await console.GetIncomingRunsAsync(inboxFeed)).Where(r => r.Status == FeedRunStatus.Running).Select(r => r.Id).ToList();
        var cutPublication = (await console.GetOutgoingRunsAsync(outFeed)).Where(r => r.Status == FeedRunStatus.Running).Select(r => r.Id).ToList();
        cutIngestion.Should().ContainSingle("the kill came while the inbox feed ingested");
        cutPublication.Should().ContainSingle("the kill came while the feed published");
        // Hangfire hands a job out again once its invisibility timeout (30 minutes) has passed since its worker took it:
        // age the killed jobs so the next host gets them again, and must not run them a second time
        (await console.ExecuteSqlAsync("UPDATE hangfire.jobqueue SET fetchedat = fetchedat - interval '1 hour' WHERE fetchedat IS NOT NULL"))
            .Should().BeGreaterThanOrEqualTo(2, "the killed run jobs were taken and never finished");

        await using (var second = await ServerProcess.StartServingAsync(console.ConnectionString, console.ProcessSettings, StartTimeout))
        {
            await FaultData.WaitUntilAsync(async () => (await console.GetOutgoingRunsAsync(outFeed)) is [_, { Status: FeedRunStatus.Succeeded }], 90, "the publication is run again");
            var lastBlock = await LastBlockIdAsync(collection);
            await FaultData.WaitUntilAsync(async () => (await console.GetIncomingFeedAsync(inboxFeed)).LastContentBlockId == lastBlock
                && (await console.GetIncomingRunsAsync(inboxFeed)).All(r => r.Status is FeedRunStatus.Succeeded or FeedRunStatus.Failed), 90, "the inbox feed catches up");
            await FaultData.WaitUntilAsync(async () => await PendingJobsAsync() == 0, 60, "the jobs handed out again are done");
            second.Output.Should().NotContain(line => line.Contains("failed unexpectedly", StringComparison.Ordinal));
        }

        // inbox: every acknowledged message stored exactly once, and no message in part
        var stored = await StoredBlocksAsync(collection);
        var byMessage = stored.GroupBy(b => b.Message).ToDictionary(g => g.Key, g => g.Select(b => b.Block).ToList());
        byMessage.Values.Should().OnlyContain(blocks => blocks.Count == BlocksPerMessage && blocks.Distinct().Count() == BlocksPerMessage,
            "a message is stored with all its blocks, once, or not at all");
        acknowledged.Where(m => !byMessage.ContainsKey(m)).Should().BeEmpty("every acknowledged message is stored");

        // ingestion: the interrupted run closed, re-run on its own, every stored line ingested once
        var inRuns = await console.GetIncomingRunsAsync(inboxFeed);
        var cutIn = inRuns.Single(r => r.Id == cutIngestion[0]);
        cutIn.Status.Should().Be(FeedRunStatus.Failed);
        cutIn.Error.Should().Be(Interrupted);
        inRuns.Should().ContainSingle(r => r.Trigger == FeedRunTrigger.Recovery).Which.Id.Should().BeGreaterThan(cutIn.Id);
        var values = await console.ObservableValuesAsync(inboxDataset);
        // sorted sequences: equivalence of large collections is quadratic in FluentAssertions
        values.Order(StringComparer.Ordinal).Should().Equal(stored.SelectMany(b => Lines(b.Message, b.Block)).Order(StringComparer.Ordinal),
            "every line of every stored block is ingested once");

        // publication: the interrupted run closed, one re-run, whose files hold the dataset exactly once
        var outRuns = await console.GetOutgoingRunsAsync(outFeed);
        outRuns.Should().HaveCount(2, "the killed job handed out again does not run the feed a third time");
        outRuns[0].Should().Match<OutgoingFeedRun>(r => r.Id == cutPublication[0] && r.Status == FeedRunStatus.Failed && r.Error == Interrupted);
        outRuns[1].Trigger.Should().Be(FeedRunTrigger.Recovery);
        outRuns[1].EntityCount.Should().Be(PublishedValues);
        var rerunFiles = Directory.GetFiles(outDirectory, $"*-run{outRuns[1].Id}-*");
        rerunFiles.Should().HaveCount(outRuns[1].PackageCount);
        FaultData.PlainTextValues(rerunFiles).Order(StringComparer.Ordinal).Should().Equal(published.Order(StringComparer.Ordinal), "the re-run published the dataset, each entity once");
        Directory.GetFiles(outDirectory).Select(Path.GetFileName).Where(n => !n!.StartsWith('.'))
            .Should().OnlyContain(n => n!.Contains($"-run{outRuns[0].Id}-", StringComparison.Ordinal) || n.Contains($"-run{outRuns[1].Id}-", StringComparison.Ordinal));
    }

    private static InboxMessage MessageOf(int message, string collection) =>
        Message(Enumerable.Range(0, BlocksPerMessage).Select(block => TextBlock(string.Join('\n', Lines(message, block)), "text/plain")), collection);

    private static IEnumerable<string> Lines(int message, int block) =>
        Enumerable.Range(0, LinesPerBlock).Select(line => $"m{message}b{block}l{line}.kill.example");

    private async Task<List<(int Message, int Block)>> StoredBlocksAsync(Collection collection)
    {
        await using var scope = console.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var firstLines = await db.ContentBlocks.AsNoTracking().Where(b => b.CollectionId == collection.Id)
            .Select(b => b.Content).ToListAsync(Ct);
        return [.. firstLines.Select(content =>
        {
            var line = System.Text.Encoding.UTF8.GetString(content).Split('\n')[0]; // m{message}b{block}l0.kill.example
            var b = line.IndexOf('b', StringComparison.Ordinal);
            return (int.Parse(line[1..b], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(line[(b + 1)..line.IndexOf('l', b)], System.Globalization.CultureInfo.InvariantCulture));
        })];
    }

    private async Task<long> LastBlockIdAsync(Collection collection)
    {
        await using var scope = console.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().ContentBlocks.Where(b => b.CollectionId == collection.Id).MaxAsync(b => b.Id, Ct);
    }

    /// <summary>Jobs queued or taken and not yet done.</summary>
    private async Task<long> PendingJobsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(console.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM hangfire.jobqueue", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
