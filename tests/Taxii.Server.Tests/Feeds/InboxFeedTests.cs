using FluentAssertions;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Taxii.Core.Collections;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Feeds.Ingestion;
using Taxii.Feeds.Jobs;
using Taxii.Persistence;
using Taxii.Persistence.Stores;
using Taxii.Protocol.Messages;
using Taxii.Testing;
using static Taxii.Server.Tests.Taxii.TaxiiData;

namespace Taxii.Server.Tests.Feeds;

/// <summary>Inbox feeds: content pushed into a local collection, taken by the feeds bound to it, on the host's own job server.</summary>
public sealed class InboxFeedTests(InboxFeedTests.Factory app) : IClassFixture<InboxFeedTests.Factory>
{
    private const string Password = "inbox feed password";

    public sealed class Factory : TaxiiAppFactory
    {
        public User Admin { get; private set; } = null!;

        public User Member { get; private set; } = null!;

        public User Outsider { get; private set; } = null!;

        protected override async Task SeedAsync()
        {
            Admin = await CreateUserAsync("inbox-feed-admin", Password, admin: true);
            Member = await CreateUserAsync("inbox-feed-member", Password);
            Outsider = await CreateUserAsync("inbox-feed-outsider", Password);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_push_from_outside_the_feeds_groups_is_recorded_as_failed_and_not_ingested()
    {
        var (collection, feed, _) = await BindAsync("outsider-push");
        await app.GrantAsync(app.Outsider, collection, read: true, write: true);

        var status = await Push(app.Outsider, collection, "198.51.100.13");
        var run = (await WaitForRunsAsync(feed, 1)).Single();

        status.Status.Should().Be(StatusType.Success);
        run.Trigger.Should().Be(FeedRunTrigger.Inbox);
        run.Status.Should().Be(FeedRunStatus.Failed, "nothing the run took could be stored");
        run.Error.Should().Contain("inbox-feed-outsider");
        var block = await LastBlockIdAsync(collection);
        run.Errors.Select(e => (e.Package, e.Reason)).Should().Equal(
            ($"collection '{collection.Name}' block {block}", "sender 'inbox-feed-outsider' is not in the feed's groups; not ingested"));
        (await app.GetIncomingFeedAsync(feed)).LastContentBlockId.Should().Be(block, "the position moves past refused blocks too");
        (await app.RunIncomingFeedAsync(feed)).FailedPackageCount.Should().Be(0, "nothing is taken twice");
    }

    [Fact]
    public async Task The_sweep_takes_content_left_behind_and_skips_feeds_with_an_active_run()
    {
        var (collection, feed, _) = await BindAsync("sweep");
        var (busyCollection, busy, _) = await BindAsync("sweep-busy");
        var blocks = await AppendAnonymousAsync(collection, "a", "b");
        await AppendAnonymousAsync(busyCollection, "c");
        await QueueWithoutWorkerAsync(busy);

        // the host's own minutely sweep may be the one that queues it
        await SweepAsync();
        var run = (await WaitForRunsAsync(feed, 1)).Single();

        run.Trigger.Should().Be(FeedRunTrigger.Inbox);
        run.Errors.Select(e => e.Reason).Should().Equal("sender anonymous is not in the feed's groups; not ingested", "sender anonymous is not in the feed's groups; not ingested");
        (await app.GetIncomingFeedAsync(feed)).LastContentBlockId.Should().Be(blocks[^1]);
        (await app.GetIncomingRunsAsync(busy)).Should().ContainSingle("the active run takes the content when it runs");
        (await SweepAsync()).Should().Be(0, "nothing is left behind");
    }

    [Fact]
    public async Task The_sweep_closes_a_run_a_dead_host_left_running_and_takes_the_content()
    {
        var (collection, feed, _) = await BindAsync("sweep-dead-host");
        var blocks = await AppendAnonymousAsync(collection, "d");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            db.IncomingFeedRuns.Add(new IncomingFeedRun { FeedId = feed, Trigger = FeedRunTrigger.Inbox, Status = FeedRunStatus.Running, QueuedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        await SweepAsync();
        var runs = await WaitForRunsAsync(feed, 2);

        runs[0].Error.Should().Be("interrupted: the host running it stopped before it ended");
        runs[1].Trigger.Should().Be(FeedRunTrigger.Recovery, "it redoes the interrupted run's work, though the inbox sweep queued it");
        runs[1].FailedPackageCount.Should().Be(1);
        (await app.GetIncomingFeedAsync(feed)).LastContentBlockId.Should().Be(blocks[^1]);
    }

    [Fact]
    public async Task The_sweep_runs_every_minute()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        connection.GetRecurringJobs().Should().Contain(j => j.Id == InboxSweepJob.RecurringJobId && j.Cron == Cron.Minutely());
    }

    [Fact]
    public async Task A_push_to_a_collection_no_feed_is_bound_to_queues_nothing()
    {
        var collection = await app.AddCollectionAsync("inbox-feed-unbound");
        var (_, feed, _) = await BindAsync("bound-elsewhere");
        await app.GrantAsync(app.Member, collection, read: true, write: true);

        (await Push(app.Member, collection, "198.51.100.14")).Status.Should().Be(StatusType.Success);

        (await app.GetIncomingRunsAsync(feed)).Should().BeEmpty();
    }

    /// <summary>
    /// A push remembers which collections inbox feeds are bound to (<see cref="InboxFeedCollections"/>): a feed saved
    /// afterwards clears that at once, so the very next push queues its run, not the sweep a minute later.
    /// </summary>
    [Fact]
    public async Task A_feed_bound_right_after_a_push_is_queued_by_the_next_push()
    {
        var collection = await app.AddCollectionAsync("inbox-feed-late");
        await app.GrantAsync(app.Member, collection, read: true, write: true);
        (await Push(app.Member, collection, "198.51.100.31")).Status.Should().Be(StatusType.Success);
        var group = await app.AddGroupAsync("inbox feed late", app.Member.Id);
        var feed = await app.AddIncomingFeedAsync(new IncomingFeed
        {
            Name = "inbox feed late",
            DatasetId = await app.AddDatasetAsync("inbox feed late"),
            TransportType = IncomingTransportType.TaxiiInbox,
            ContentType = FeedContentType.PlainText,
            Transport = new IncomingTransportSettings { CollectionName = collection.Name },
        }, group);

        (await Push(app.Member, collection, "198.51.100.32")).Status.Should().Be(StatusType.Success);

        (await app.GetIncomingRunsAsync(feed)).Should().ContainSingle("the push queued a run before it answered")
            .Which.Trigger.Should().Be(FeedRunTrigger.Inbox);
        (await WaitForRunsAsync(feed, 1)).Single().PackageCount.Should().Be(2);
    }

    /// <summary>
    /// A push that arrives while a run stores its last batch finds that run active and queues none: the run looks again
    /// after storing, so the content is taken now, not by the sweep a minute later. The run is held in its store by a
    /// lock on the feed's row (its position is saved in the same transaction; a run record's key check does not wait
    /// for that lock) while the second push arrives.
    /// </summary>
    [Fact]
    public async Task A_push_while_a_run_stores_its_last_batch_is_taken_by_that_run()
    {
        var (collection, feed, dataset) = await BindAsync("while-storing");
        await app.GrantAsync(app.Member, collection, read: true, write: true);
        await using var holder = new NpgsqlConnection(app.ConnectionString);
        await holder.OpenAsync(Ct);
        await using var hold = await holder.BeginTransactionAsync(Ct);
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM incoming_feeds WHERE id = {feed} FOR NO KEY UPDATE", holder, hold))
        {
            await lockRow.ExecuteNonQueryAsync(Ct);
        }

        (await Push(app.Member, collection, "first.example")).Status.Should().Be(StatusType.Success);
        await WaitForLockWaitAsync(holder);
        (await Push(app.Member, collection, "second.example")).Status.Should().Be(StatusType.Success);
        (await app.GetIncomingRunsAsync(feed)).Should().ContainSingle("the first push's run is still active, so the second queued none");
        await hold.CommitAsync(Ct);

        var run = (await WaitForRunsAsync(feed, 1)).Single();
        run.PackageCount.Should().Be(2, run.Error);
        (await app.ObservableValuesAsync(dataset)).Should().BeEquivalentTo(["first.example", "second.example"]);
    }

    /// <summary>Needs the content readers (plain text): what members and administrators push is stored, once.</summary>
    [Fact]
    public async Task Pushes_by_members_and_administrators_are_ingested_once()
    {
        var (collection, feed, dataset) = await BindAsync("member-push");
        await app.GrantAsync(app.Member, collection, read: true, write: true);

        await Push(app.Member, collection, "198.51.100.21\n198.51.100.22");
        var first = (await WaitForRunsAsync(feed, 1)).Single();
        await Push(app.Admin, collection, "admin.example");
        var second = (await WaitForRunsAsync(feed, 2))[1];

        first.PackageCount.Should().Be(1, string.Join("; ", first.Errors.Select(e => e.Reason)));
        second.PackageCount.Should().Be(1, string.Join("; ", second.Errors.Select(e => e.Reason)));
        (await app.ObservableValuesAsync(dataset)).Should().BeEquivalentTo(["198.51.100.21", "198.51.100.22", "admin.example"]);
        var again = await app.RunIncomingFeedAsync(feed);
        (again.PackageCount + again.SkippedPackageCount + again.FailedPackageCount).Should().Be(0, "the position is past both blocks");
    }

    /// <summary>More blocks than one batch holds (<see cref="PackageBatch.MaxPackages"/>): stored in several transactions, each once.</summary>
    [Fact]
    public async Task A_run_of_more_packages_than_a_batch_holds_stores_each_once_and_ends_past_the_last()
    {
        var (collection, feed, dataset) = await BindAsync("batches");
        await app.GrantAsync(app.Member, collection, read: true, write: true);
        var values = Enumerable.Range(0, (2 * PackageBatch.MaxPackages) + 50).Select(i => $"batch-{i}.example").ToList();

        // the first value pushed twice in the same message: its repeat is skipped
        var status = await app.CreateTaxiiClient(TaxiiVersion.V11, app.Member.Name, Password).InboxAsync(app.Address(Inbox),
            Message([.. values.Select(v => TextBlock(v, "text/plain")), TextBlock(values[0], "text/plain")], collection.Name), Ct);
        var run = (await WaitForRunsAsync(feed, 1)).Single();

        status.Status.Should().Be(StatusType.Success);
        run.Status.Should().Be(FeedRunStatus.Succeeded, run.Error);
        (run.PackageCount, run.SkippedPackageCount, run.FailedPackageCount, run.EntitiesCreated).Should().Be((values.Count, 1, 0, values.Count));
        (await app.ObservableValuesAsync(dataset)).Should().BeEquivalentTo(values);
        (await app.GetIncomingFeedAsync(feed)).LastContentBlockId.Should().Be(await LastBlockIdAsync(collection));
        var again = await app.RunIncomingFeedAsync(feed);
        (again.PackageCount + again.SkippedPackageCount + again.FailedPackageCount).Should().Be(0, "the position is past every block");
    }

    /// <summary>A collection, a plain-text inbox feed bound to it, and a group (the member) that may push to it.</summary>
    private async Task<(Collection Collection, int Feed, int Dataset)> BindAsync(string name)
    {
        var collection = await app.AddCollectionAsync($"inbox-feed-{name}");
        var group = await app.AddGroupAsync($"inbox feed {name}", app.Member.Id);
        var dataset = await app.AddDatasetAsync($"inbox feed {name}");
        var feed = await app.AddIncomingFeedAsync(new IncomingFeed
        {
            Name = $"inbox feed {name}",
            DatasetId = dataset,
            TransportType = IncomingTransportType.TaxiiInbox,
            ContentType = FeedContentType.PlainText,
            Transport = new IncomingTransportSettings { CollectionName = collection.Name },
        }, group);
        return (collection, feed, dataset);
    }

    private Task<StatusMessage> Push(User user, Collection collection, string text) =>
        app.CreateTaxiiClient(TaxiiVersion.V11, user.Name, Password)
            .InboxAsync(app.Address(Inbox), Message([TextBlock(text, "text/plain")], collection.Name), Ct);

    /// <summary>Blocks stored without an inbox push (so nothing queues a run), from nobody; returns their ids.</summary>
    private async Task<List<long>> AppendAnonymousAsync(Collection collection, params string[] texts)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ContentStore>();
        await store.AppendAsync([.. texts.Select(t => new NewContentBlock(collection.Id, System.Text.Encoding.UTF8.GetBytes(t), "text/plain", null, null, false))], Ct);
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        return await db.ContentBlocks.Where(b => b.CollectionId == collection.Id).OrderBy(b => b.Id).Select(b => b.Id).ToListAsync(Ct);
    }

    /// <summary>Waits until a session of this database other than <paramref name="holder"/> waits for a lock.</summary>
    private static async Task WaitForLockWaitAsync(NpgsqlConnection holder)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'", holder);
        for (var i = 0; i < 300; i++)
        {
            if ((long)(await command.ExecuteScalarAsync(Ct))! > 0)
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException("the run never waited for the feed's row");
    }

    private async Task QueueWithoutWorkerAsync(int feed)
    {
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IncomingFeedRunQueue>().QueueAsync(feed, FeedRunTrigger.Manual, enqueue: false, Ct)).Should().NotBeNull();
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InboxFeedTrigger>().SweepAsync(Ct);
    }

    private async Task<long> LastBlockIdAsync(Collection collection)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().ContentBlocks.Where(b => b.CollectionId == collection.Id).MaxAsync(b => b.Id, Ct);
    }

    /// <summary>Waits until the feed has <paramref name="count"/> runs, all ended; returns them oldest first.</summary>
    private async Task<List<IncomingFeedRun>> WaitForRunsAsync(int feed, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var runs = await app.GetIncomingRunsAsync(feed);
            if (runs.Count >= count && runs.All(r => r.Status is FeedRunStatus.Succeeded or FeedRunStatus.Failed))
            {
                return runs;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "feed {0} should have {1} ended runs within a minute", feed, count);
            await Task.Delay(100, Ct);
        }
    }
}
