using System.Diagnostics;
using System.Text;
using FluentAssertions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Feeds.Jobs;
using Taxii.Persistence;
using Taxii.Protocol.Messages;
using Taxii.Testing;
using static Taxii.Server.Tests.Taxii.Subscriptions;
using static Taxii.Server.Tests.Taxii.TaxiiData;
using CollectionType = Taxii.Core.Collections.CollectionType;

namespace Taxii.Server.Tests.Taxii;

/// <summary>
/// Pushes queued when content arrives: host A (the publisher, with its job server, its scheduled dispatch a year away)
/// pushes to host B's public inboxes what reaches A's collections through A's inbox. Two real hosts over HTTP.
/// </summary>
public sealed class SubscriptionPushOnArrivalTests(SubscriptionPushOnArrivalTests.Publisher a, SubscriptionPushOnArrivalTests.Receiver b)
    : IClassFixture<SubscriptionPushOnArrivalTests.Publisher>, IClassFixture<SubscriptionPushOnArrivalTests.Receiver>
{
    private const string Subscriber = "arrival-subscriber";
    private const string Password = "arrival password";
    private static readonly string[] Names = ["arrive", "burst", "failing", "slow"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Publisher : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            // the sweep runs on the 1st of January: whatever is pushed during a test was queued by an arrival
            ["Taxii:Subscriptions:DeliveryCron"] = "0 0 1 1 *",
            ["Taxii:Subscriptions:PushAllowedNetworks:0"] = "127.0.0.0/8",
        };

        protected override async Task SeedAsync()
        {
            var subscriber = await CreateUserAsync(Subscriber, Password);
            foreach (var name in Names)
            {
                await TestData.AddCollectionAsync(this, $"feed-{name}", CollectionType.DataFeed, [], Cm, Poll, Inbox);
            }

            await TestData.GrantAsync(this, subscriber, read: true, write: true, [.. Names.Select(n => $"feed-{n}")]);
        }
    }

    public sealed class Receiver() : SubscriberInboxes(Names);

    [Fact]
    public async Task Content_that_arrives_reaches_the_subscriber_within_seconds()
    {
        var id = await SubscribeAsync("arrive", b.Address("/inbox-arrive/").ToString());
        var clock = Stopwatch.StartNew();

        await SendAsync("arrive", "<x:first xmlns:x=\"urn:x\">first</x:first>", Ct);

        (await ReceivedAsync("arrive", 1)).Should().Equal("<x:first xmlns:x=\"urn:x\">first</x:first>");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "pushed on arrival, not at the schedule a year away");

        await SendAsync("arrive", "<second>second</second>", Ct);

        (await ReceivedAsync("arrive", 2)).Should().Equal("<x:first xmlns:x=\"urn:x\">first</x:first>", "<second>second</second>");
        var deliveries = await SettledDeliveriesAsync(id);
        deliveries.Should().HaveCount(2).And.OnlyContain(d => d.Status == DeliveryStatus.Succeeded && d.BlockCount == 1);
        deliveries[1].ExclusiveBegin.Should().Be(deliveries[0].InclusiveEnd);
    }

    [Fact]
    public async Task A_burst_of_concurrent_messages_is_pushed_once_each_in_order_by_few_deliveries()
    {
        const int count = 40;
        var id = await SubscribeAsync("burst", b.Address("/inbox-burst/").ToString());
        var contents = Enumerable.Range(1, count).Select(n => $"<burst>{n}</burst>").ToList();

        await Parallel.ForEachAsync(contents, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
            async (content, cancellationToken) => await SendAsync("burst", content, cancellationToken));

        var received = await ReceivedAsync("burst", count);
        received.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(contents);
        received.Should().Equal(await PublishedInLabelOrderAsync("feed-burst"), "windows go one after the other, each in label order");
        var deliveries = await SettledDeliveriesAsync(id);
        deliveries.Should().OnlyContain(d => d.Status == DeliveryStatus.Succeeded);
        deliveries.Sum(d => d.BlockCount).Should().Be(count);
        deliveries.Skip(1).Select(d => d.ExclusiveBegin).Should().Equal(deliveries.SkipLast(1).Select(d => (DateTimeOffset?)d.InclusiveEnd), "each window starts where the last ended");
        DeliveryJobsOf(id).Should().BeLessThan(count / 2, "a delivery still queued takes what arrives meanwhile: a burst queues a few, not one per message");
    }

    [Fact]
    public async Task Content_that_arrives_during_a_push_follows_it_without_waiting_for_the_schedule()
    {
        // B's inbox behind a relay that holds the first push for 3 s: the second message arrives while the first
        // delivery holds the subscription's lock, and its delivery must wait for that one, not give up
        var firstPushHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pushes = 0;
        await using var slow = await TaxiiRelay.StartAsync(b.Address("/inbox-slow/"), onRequest: async (_, cancellationToken) =>
        {
            if (Interlocked.Increment(ref pushes) == 1)
            {
                firstPushHeld.SetResult();
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            }
        }, cancellationToken: Ct);
        var id = await SubscribeAsync("slow", slow.Address.ToString());
        await SendAsync("slow", "<slow>1</slow>", Ct);
        await firstPushHeld.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        await SendAsync("slow", "<slow>2</slow>", Ct);

        (await ReceivedAsync("slow", 2)).Should().Equal("<slow>1</slow>", "<slow>2</slow>");
        (await SettledDeliveriesAsync(id)).Select(d => (d.Status, d.BlockCount)).Should().Equal((DeliveryStatus.Succeeded, 1), (DeliveryStatus.Succeeded, 1));
    }

    [Fact]
    public async Task A_subscriber_whose_push_failed_is_not_pushed_again_by_each_new_message()
    {
        var id = await SubscribeAsync("failing", $"http://127.0.0.1:{FreePort()}/inbox/");
        await SendAsync("failing", "<failing n=\"1\"/>", Ct);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await DeliveriesAsync(id)) is not [{ Status: DeliveryStatus.Failed }])
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the first push fails at once: nothing listens on that port");
            await Task.Delay(100, Ct);
        }

        for (var n = 2; n <= 5; n++)
        {
            await SendAsync("failing", $"<failing n=\"{n}\"/>", Ct);
        }

        // a queued push would have been taken by the job server and failed again within this time
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        (await DeliveriesAsync(id)).Should().ContainSingle().Which.Attempts.Should().Be(1, "the retry waits out RetryDelay (30 s) whatever arrives meanwhile");
    }

    private async Task<string> SubscribeAsync(string name, string address)
    {
        var push = new PushParameters(ProtocolBindingIds.Http10, address, MessageBindingIds.Xml11);
        var response = await a.CreateTaxiiClient(TaxiiVersion.V11, Subscriber, Password)
            .ManageSubscriptionAsync(a.Address(Cm), Subscribe($"feed-{name}", push: push), Ct);
        return response.Subscriptions.Single().SubscriptionId;
    }

    private async Task SendAsync(string name, string xml, CancellationToken cancellationToken)
    {
        var status = await a.CreateTaxiiClient(TaxiiVersion.V11, Subscriber, Password)
            .InboxAsync(a.Address(Inbox), Message([XmlBlock(xml)], $"feed-{name}"), cancellationToken);
        status.Status.Should().Be(StatusType.Success);
    }

    /// <summary>What B's collection received, in the order it was stored, once it holds <paramref name="count"/> blocks (or after 30 s).</summary>
    private async Task<List<string>> ReceivedAsync(string name, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var scope = b.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var blocks = await db.ContentBlocks.Where(x => db.Collections.Any(c => c.Id == x.CollectionId && c.Name == $"received-{name}"))
                .OrderBy(x => x.Id).Select(x => x.Content).ToListAsync(Ct);
            if (blocks.Count >= count || DateTime.UtcNow > deadline)
            {
                return [.. blocks.Select(Encoding.UTF8.GetString)];
            }

            await Task.Delay(100, Ct);
        }
    }

    private async Task<List<string>> PublishedInLabelOrderAsync(string collection)
    {
        await using var scope = a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var blocks = await db.ContentBlocks.Where(x => db.Collections.Any(c => c.Id == x.CollectionId && c.Name == collection))
            .OrderBy(x => x.TimestampLabel).ThenBy(x => x.Id).Select(x => x.Content).ToListAsync(Ct);
        return [.. blocks.Select(Encoding.UTF8.GetString)];
    }

    private async Task<List<SubscriptionDelivery>> DeliveriesAsync(string id)
    {
        await using var scope = a.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().SubscriptionDeliveries.AsNoTracking()
            .Where(d => d.SubscriptionId == id).OrderBy(d => d.Id).ToListAsync(Ct);
    }

    /// <summary>The deliveries once none is pending: B stores what it received before it answers A, which records the outcome after.</summary>
    private async Task<List<SubscriptionDelivery>> SettledDeliveriesAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var deliveries = await DeliveriesAsync(id);
            if (deliveries.TrueForAll(d => d.Status != DeliveryStatus.Pending) || DateTime.UtcNow > deadline)
            {
                return deliveries;
            }

            await Task.Delay(100, Ct);
        }
    }

    /// <summary>How many delivery jobs of the subscription A's job storage holds, whatever their state.</summary>
    private int DeliveryJobsOf(string id)
    {
        var monitoring = a.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var jobs = monitoring.SucceededJobs(0, 10_000).Select(j => j.Value.Job)
            .Concat(monitoring.ProcessingJobs(0, 10_000).Select(j => j.Value.Job))
            .Concat(monitoring.EnqueuedJobs("default", 0, 10_000).Select(j => j.Value.Job))
            .Concat(monitoring.FailedJobs(0, 10_000).Select(j => j.Value.Job));
        return jobs.Count(j => j?.Method.Name == nameof(SubscriptionDeliveryJob.DeliverAsync) && Equals(j.Args[0], id));
    }
}
