using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Feeds.Jobs;
using Taxii.Feeds.Subscriptions;
using Taxii.Persistence;
using Taxii.Protocol.Messages;
using Taxii.Server.Taxii;
using Taxii.Testing;
using static Taxii.Server.Tests.Taxii.Subscriptions;
using CollectionType = Taxii.Core.Collections.CollectionType;
using ResponseType = Taxii.Protocol.Messages.ResponseType;
using SubscriptionAction = Taxii.Protocol.Messages.SubscriptionAction;

namespace Taxii.Server.Tests.Taxii;

/// <summary>
/// Pushes from host A (the publisher) to the inboxes of host B (the subscriber's TAXII server), two real hosts over HTTP.
/// B's inboxes are public: no push credentials are set (see SubscriptionPushCredentialTests for those).
/// </summary>
public sealed class SubscriptionDeliveryTests(SubscriptionDeliveryTests.Publisher a, SubscriptionDeliveryTests.Receiver b)
    : IClassFixture<SubscriptionDeliveryTests.Publisher>, IClassFixture<SubscriptionDeliveryTests.Receiver>
{
    private const string Password = "delivery password";
    private static readonly string[] Names = ["full", "v10", "retry", "count", "query", "paused", "down", "due"];

    public sealed class Publisher : TaxiiAppFactory
    {
        // no job server: the tests run the jobs themselves, nothing runs behind their back; the subscriber's inboxes
        // are on loopback, which pushes may reach only when allowed
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Jobs:RunServer"] = "false",
            ["Taxii:Subscriptions:PushAllowedNetworks:0"] = "127.0.0.0/8",
        };

        protected override async Task SeedAsync()
        {
            var subscriber = await CreateUserAsync("subscriber", Password);
            foreach (var name in Names)
            {
                await TestData.AddCollectionAsync(this, $"feed-{name}", CollectionType.DataFeed, [], Cm, "/taxii-poll-service/");
            }

            await TestData.GrantAsync(this, subscriber, read: true, write: false, [.. Names.Select(n => $"feed-{n}")]);
        }
    }

    public sealed class Receiver() : SubscriberInboxes(Names);

    [Fact]
    public async Task Pushes_new_content_once_to_the_subscribers_inbox()
    {
        var id = await SubscribeAsync("full", TaxiiVersion.V11);
        await TestData.AddBlocksAsync(a, "feed-full", ContentBindingIds.Stix12, "<x:one xmlns:x=\"urn:x\">1</x:one>", "<two>two</two>", "<three>three</three>");

        (await DeliverAsync(id)).Should().Be(3);

        (await ReceivedAsync("full")).Should().Equal("<x:one xmlns:x=\"urn:x\">1</x:one>", "<two>two</two>", "<three>three</three>");
        var (subscription, deliveries) = await RecordsAsync(id);
        var delivery = deliveries.Should().ContainSingle().Subject;
        delivery.Status.Should().Be(DeliveryStatus.Succeeded);
        delivery.BlockCount.Should().Be(3);
        delivery.Attempts.Should().Be(1);
        delivery.LastError.Should().BeNull();
        subscription.DeliveredUntil.Should().Be(delivery.InclusiveEnd);

        (await DeliverAsync(id)).Should().Be(0, "nothing new arrived");
        (await ReceivedAsync("full")).Should().HaveCount(3);
        var (later, laterDeliveries) = await RecordsAsync(id);
        laterDeliveries.Should().ContainSingle("an empty window is neither sent nor recorded");
        later.DeliveredUntil.Should().BeAfter(delivery.InclusiveEnd);
    }

    [Fact]
    public async Task Content_made_before_the_subscription_is_not_pushed()
    {
        await TestData.AddBlocksAsync(a, "feed-paused", ContentBindingIds.Stix12, "<old>old</old>");
        var id = await SubscribeAsync("paused", TaxiiVersion.V11);
        await ManageAsync(Act(SubscriptionAction.Pause, "feed-paused", id), TaxiiVersion.V11);
        await TestData.AddBlocksAsync(a, "feed-paused", ContentBindingIds.Stix12, "<missed>missed</missed>");

        (await DeliverAsync(id)).Should().Be(0, "a paused subscription is not pushed");
        await ManageAsync(Act(SubscriptionAction.Resume, "feed-paused", id), TaxiiVersion.V11);
        (await DeliverAsync(id)).Should().Be(1, "what was missed follows on RESUME");

        (await ReceivedAsync("paused")).Should().Equal("<missed>missed</missed>");
    }

    [Fact]
    public async Task TAXII_1_0_subscription_pushes_a_1_0_Inbox_Message()
    {
        var push = new PushParameters(ProtocolBindingIds.Http10, b.Address("/inbox-v10/").ToString(), MessageBindingIds.Xml10);
        var id = (await ManageAsync(new SubscriptionManagementRequest(MessageIds.New(), SubscriptionAction.Subscribe, "feed-v10") { PushParameters = push }, TaxiiVersion.V10))
            .Subscriptions.Single().SubscriptionId;
        await TestData.AddBlocksAsync(a, "feed-v10", ContentBindingIds.Stix111, "<old-style>old-style</old-style>");
        await TestData.AddBlocksAsync(a, "feed-v10", ContentBindingIds.Cap12, "<alert>not STIX</alert>");

        // the collection takes anything; in 1.0 that is the STIX bindings its Feed_Information advertises
        (await DeliverAsync(id)).Should().Be(1);

        (await ReceivedAsync("v10")).Should().Equal("<old-style>old-style</old-style>");
    }

    [Fact]
    public async Task A_refused_push_is_recorded_and_the_same_window_is_sent_again_later_without_duplicates()
    {
        var id = await SubscribeAsync("retry", TaxiiVersion.V11);
        await TestData.AddBlocksAsync(a, "feed-retry", ContentBindingIds.Stix12, "<first>first</first>", "<second>second</second>");
        await SetAvailableAsync("/inbox-retry/", false);

        var refused = async () => await DeliverAsync(id);

        (await refused.Should().ThrowAsync<SubscriptionDeliveryException>()).Which.Reason.Should().Contain("DENIED");
        var (before, failed) = await RecordsAsync(id);
        failed.Should().ContainSingle().Which.Should().Match<SubscriptionDelivery>(d => d.Status == DeliveryStatus.Failed && d.Attempts == 1 && d.LastError!.Contains("DENIED"));
        before.DeliveredUntil.Should().Be(failed[0].ExclusiveBegin, "nothing was delivered");
        (await ReceivedAsync("retry")).Should().BeEmpty();

        await TestData.AddBlocksAsync(a, "feed-retry", ContentBindingIds.Stix12, "<third>third</third>");
        await SetAvailableAsync("/inbox-retry/", true);
        (await DeliverAsync(id)).Should().Be(2, "the failed window is sent again as it was");
        (await DeliverAsync(id)).Should().Be(1, "then what came after it");

        (await ReceivedAsync("retry")).Should().Equal("<first>first</first>", "<second>second</second>", "<third>third</third>");
        var (after, deliveries) = await RecordsAsync(id);
        deliveries.Select(d => (d.Status, d.Attempts, d.BlockCount)).Should().Equal((DeliveryStatus.Succeeded, 2, 2), (DeliveryStatus.Succeeded, 1, 1));
        deliveries[1].ExclusiveBegin.Should().Be(deliveries[0].InclusiveEnd);
        after.DeliveredUntil.Should().Be(deliveries[1].InclusiveEnd);
    }

    [Fact]
    public async Task An_unreachable_inbox_is_recorded_as_failed_and_DeliveredUntil_stays()
    {
        var id = await SubscribeUnreachableAsync("/inbox/", "<lost>lost</lost>");

        var push1 = async () => await DeliverAsync(id);

        (await push1.Should().ThrowAsync<SubscriptionDeliveryException>()).Which.Reason.Should().Contain("could not be reached");
        var (subscription, deliveries) = await RecordsAsync(id);
        deliveries.Should().ContainSingle().Which.Status.Should().Be(DeliveryStatus.Failed);
        subscription.DeliveredUntil.Should().Be(deliveries[0].ExclusiveBegin);
    }

    [Fact]
    public async Task COUNT_ONLY_pushes_the_count_and_no_content()
    {
        var id = await SubscribeAsync("count", TaxiiVersion.V11, new SubscriptionParameters { ResponseType = ResponseType.CountOnly });
        await TestData.AddBlocksAsync(a, "feed-count", ContentBindingIds.Stix12, "<a>a</a>", "<b>b</b>");

        (await DeliverAsync(id)).Should().Be(2);

        (await ReceivedAsync("count")).Should().BeEmpty("a Record_Count-only message carries no blocks");
        (await RecordsAsync(id)).Deliveries.Should().ContainSingle().Which.Should().Match<SubscriptionDelivery>(d => d.Status == DeliveryStatus.Succeeded && d.BlockCount == 2);
    }

    [Fact]
    public async Task Only_content_passing_the_bindings_and_the_query_is_pushed()
    {
        var parameters = new SubscriptionParameters { ContentBindings = [new ContentBinding(ContentBindingIds.Stix12)], Query = WantedTitles };
        var id = await SubscribeAsync("query", TaxiiVersion.V11, parameters);
        await TestData.AddBlocksAsync(a, "feed-query", ContentBindingIds.Stix12, "<STIX_Package><Title>wanted one</Title></STIX_Package>", "<STIX_Package><Title>other</Title></STIX_Package>");
        await TestData.AddBlocksAsync(a, "feed-query", ContentBindingIds.Stix111, "<STIX_Package><Title>wanted, wrong binding</Title></STIX_Package>");

        (await DeliverAsync(id)).Should().Be(1);

        (await ReceivedAsync("query")).Should().Equal("<STIX_Package><Title>wanted one</Title></STIX_Package>");
    }

    [Fact]
    public async Task Dispatch_skips_a_subscription_whose_failed_push_is_not_due_yet()
    {
        var id = await SubscribeUnreachableAsync("/other/", "<later>later</later>");
        var push1 = async () => await DeliverAsync(id);
        await push1.Should().ThrowAsync<SubscriptionDeliveryException>();
        // a healthy subscription with content waiting, so the dispatch has something it must enqueue whatever ran before
        var due = await SubscribeAsync("due", TaxiiVersion.V11);
        await TestData.AddBlocksAsync(a, "feed-due", ContentBindingIds.Stix12, "<due>now</due>");

        await using var scope = a.Services.CreateAsyncScope();
        var storage = scope.ServiceProvider.GetRequiredService<Hangfire.JobStorage>();
        await scope.ServiceProvider.GetRequiredService<SubscriptionDeliveryJob>().DispatchAsync(null, TestContext.Current.CancellationToken);
        var enqueued = storage.GetMonitoringApi().EnqueuedJobs("default", 0, 1000).Select(j => j.Value.Job.Args[0] as string).ToList();

        enqueued.Should().Contain(due);
        enqueued.Should().NotContain(id, "its push failed a moment ago");
    }

    private async Task<string> SubscribeAsync(string name, TaxiiVersion version, SubscriptionParameters? parameters = null)
    {
        var push = new PushParameters(ProtocolBindingIds.Http10, b.Address($"/inbox-{name}/").ToString(), MessageBindingIds.For(version));
        return (await ManageAsync(Subscribe($"feed-{name}", parameters, push), version)).Subscriptions.Single().SubscriptionId;
    }

    private Task<SubscriptionManagementResponse> ManageAsync(SubscriptionManagementRequest request, TaxiiVersion version) =>
        a.CreateTaxiiClient(version, "subscriber", Password).ManageSubscriptionAsync(a.Address(Cm), request, TestContext.Current.CancellationToken);

    private async Task<long> DeliverAsync(string id)
    {
        await using var scope = a.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SubscriptionDeliveryJob>().DeliverAsync(id, TestContext.Current.CancellationToken);
    }

    private Task<List<string>> ReceivedAsync(string name) => TestData.ContentsAsync(b, $"received-{name}");

    private async Task<(Subscription Subscription, List<SubscriptionDelivery> Deliveries)> RecordsAsync(string id)
    {
        await using var scope = a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var subscription = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken);
        var deliveries = await db.SubscriptionDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id).OrderBy(d => d.Id)
            .ToListAsync(TestContext.Current.CancellationToken);
        return (subscription, deliveries);
    }

    private async Task SetAvailableAsync(string path, bool available)
    {
        await using var scope = b.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        await db.Services.Where(s => s.Path == path).ExecuteUpdateAsync(u => u.SetProperty(s => s.Available, available), TestContext.Current.CancellationToken);
        scope.ServiceProvider.GetRequiredService<ServiceDirectory>().Invalidate();
    }

    /// <summary>Subscribes feed-down with pushes to a port nothing listens on (a subscriber's server that is down), then adds a block.</summary>
    private async Task<string> SubscribeUnreachableAsync(string path, string block)
    {
        var push = new PushParameters(ProtocolBindingIds.Http10, $"http://127.0.0.1:{FreePort()}{path}", MessageBindingIds.Xml11);
        var id = (await ManageAsync(Subscribe("feed-down", push: push), TaxiiVersion.V11)).Subscriptions.Single().SubscriptionId;
        await TestData.AddBlocksAsync(a, "feed-down", ContentBindingIds.Stix12, block);
        return id;
    }
}
