using System.Text;
using FluentAssertions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Core.Feeds;
using Taxii.Feeds.Jobs;
using Taxii.Feeds.Subscriptions;
using Taxii.Feeds.Transports;
using Taxii.Persistence;
using Taxii.Protocol.Messages;
using Taxii.Testing;
using ServiceType = Taxii.Core.Collections.ServiceType;

namespace Taxii.Feeds.Tests.Transports;

/// <summary>The poll transport inside a real host: what it appends, a TAXII client polls back over HTTP.</summary>
public sealed class TaxiiPollTransportTests(TaxiiPollTransportTests.Host app) : IClassFixture<TaxiiPollTransportTests.Host>
{
    private const string Password = "poll transport password";
    private const string PollService = "/poll-published/";

    public sealed class Host : TaxiiAppFactory
    {
        // no job server: queued subscription pushes stay in the queue for the test to see
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Taxii:Jobs:RunServer"] = "false" };

        protected override async Task SeedAsync()
        {
            var reader = await CreateUserAsync("reader", Password);
            await this.AddServiceAsync(ServiceType.Poll, PollService, "published", "stix-only", "disabled", "unsubscribed");
            await this.GrantAsync(reader, "published", "stix-only");
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            await db.Collections.Where(c => c.Name == "stix-only")
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ContentBindings, [ContentBindingIds.Stix12]), TestContext.Current.CancellationToken);
            await db.Collections.Where(c => c.Name == "disabled")
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Enabled, false), TestContext.Current.CancellationToken);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Packages_become_blocks_a_TAXII_client_polls_back_exactly()
    {
        const string json = "{\"entities\": [{\"title\": \"<&> ü\"}]}\r\n";
        const string stix = "<stix:STIX_Package xmlns:stix=\"http://stix.mitre.org/stix-1\" id=\"x:1\"><stix:STIX_Header/></stix:STIX_Package>";
        var delivery = Deliveries.For(OutgoingTransportType.TaxiiPoll, new OutgoingTransportSettings { CollectionName = "published" });
        await using var scope = app.Services.CreateAsyncScope();
        var transport = scope.ServiceProvider.GetRequiredService<OutgoingTransports>().For(OutgoingTransportType.TaxiiPoll);

        await transport.BeginAsync(delivery, Ct);
        await transport.DeliverAsync(delivery, Deliveries.Json(1, json), Ct);
        // a file-shaped package: the declaration cannot go inside the envelope, the rest goes verbatim
        await transport.DeliverAsync(delivery, Deliveries.Stix(2, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + stix), Ct);

        var response = await app.CreateTaxiiClient(TaxiiVersion.V11, "reader", Password)
            .PollAsync(app.Address(PollService), new PollRequest(MessageIds.New(), "published") { PollParameters = new PollParameters() }, Ct);
        response.ContentBlocks.Select(b => (b.Binding.BindingId, b.Content.Kind)).Should().Equal(
            (ContentBindingIds.EclecticIqJson10, TaxiiContentKind.Text), (ContentBindingIds.Stix12, TaxiiContentKind.Xml));
        response.ContentBlocks[0].Content.Value.Should().Be(json);
        response.ContentBlocks[1].Content.Value.Should().Be(stix, "the client reads the XML back as it was stored");
        response.ContentBlocks[1].TimestampLabel.Should().BeAfter(response.ContentBlocks[0].TimestampLabel!.Value, "each package is an append of its own");
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var stored = await db.ContentBlocks
            .Where(b => db.Collections.Any(c => c.Id == b.CollectionId && c.Name == "published")).OrderBy(b => b.Id).Select(b => b.Content).ToListAsync(Ct);
        stored.Select(Encoding.UTF8.GetString).Should().Equal([json, stix], "the bytes are stored verbatim");
    }

    [Fact]
    public async Task A_package_queues_one_push_per_subscription_of_its_collection_and_none_elsewhere()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var collectionId = await db.Collections.Where(c => c.Name == "stix-only").Select(c => c.Id).SingleAsync(Ct);
        var subscription = new Subscription
        {
            Id = "urn:uuid:" + Guid.NewGuid().ToString("D"),
            CollectionId = collectionId,
            ServiceId = await db.Services.Where(s => s.Path == PollService).Select(s => s.Id).SingleAsync(Ct),
            ProtocolVersion = "1.1",
            PushAddress = "http://subscriber.example/inbox/",
            PushProtocolBinding = ProtocolBindingIds.Http10,
            PushMessageBinding = MessageBindingIds.Xml11,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(Ct);
        var transport = scope.ServiceProvider.GetRequiredService<OutgoingTransports>().For(OutgoingTransportType.TaxiiPoll);
        var subscribed = Deliveries.For(OutgoingTransportType.TaxiiPoll, new OutgoingTransportSettings { CollectionName = "stix-only" });
        var unsubscribed = Deliveries.For(OutgoingTransportType.TaxiiPoll, new OutgoingTransportSettings { CollectionName = "unsubscribed" });

        await transport.BeginAsync(subscribed, Ct);
        await transport.DeliverAsync(subscribed, Deliveries.Stix(1, "<one/>"), Ct);
        await transport.DeliverAsync(subscribed, Deliveries.Stix(2, "<two/>"), Ct);
        await transport.BeginAsync(unsubscribed, Ct);
        await transport.DeliverAsync(unsubscribed, Deliveries.Stix(1, "<elsewhere/>"), Ct);

        var enqueued = scope.ServiceProvider.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 1000)
            .Select(j => j.Value.Job).Where(j => j.Type == typeof(SubscriptionDeliveryJob)).ToList();
        enqueued.Should().ContainSingle("the second package falls in the window of the delivery still queued, and 'unsubscribed' has no push subscription")
            .Which.Should().Match<Hangfire.Common.Job>(j => j.Method.Name == nameof(SubscriptionDeliveryJob.DeliverAsync) && Equals(j.Args[0], subscription.Id));
    }

    [Theory]
    [InlineData("no-such-collection", "Collection 'no-such-collection' does not exist.")]
    [InlineData("disabled", "Collection 'disabled' is disabled.")]
    public async Task A_missing_or_disabled_collection_fails_the_run_at_the_start(string name, string error)
    {
        var delivery = Deliveries.For(OutgoingTransportType.TaxiiPoll, new OutgoingTransportSettings { CollectionName = name });
        await using var scope = app.Services.CreateAsyncScope();
        var transport = scope.ServiceProvider.GetRequiredService<OutgoingTransports>().For(OutgoingTransportType.TaxiiPoll);

        var begin = () => transport.BeginAsync(delivery, Ct);

        (await begin.Should().ThrowAsync<FeedDeliveryException>()).Which.Message.Should().Be(error);
    }

    [Fact]
    public async Task A_binding_the_collection_does_not_take_is_refused_and_nothing_is_stored()
    {
        var delivery = Deliveries.For(OutgoingTransportType.TaxiiPoll, new OutgoingTransportSettings { CollectionName = "stix-only" });
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var transport = scope.ServiceProvider.GetRequiredService<OutgoingTransports>().For(OutgoingTransportType.TaxiiPoll);
        var before = await db.ContentBlocks.CountAsync(Ct);

        await transport.BeginAsync(delivery, Ct);
        var deliver = () => transport.DeliverAsync(delivery, Deliveries.Json(1, "{}"), Ct);

        (await deliver.Should().ThrowAsync<FeedDeliveryException>()).Which.Message.Should().Contain("does not accept content binding urn:eclecticiq.com:json:1.0");
        (await db.ContentBlocks.CountAsync(Ct)).Should().Be(before);
    }

    [Fact]
    public async Task The_registry_has_every_transport_with_what_it_keeps_and_carries()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var transports = scope.ServiceProvider.GetRequiredService<OutgoingTransports>();

        foreach (var type in Enum.GetValues<OutgoingTransportType>())
        {
            var transport = transports.For(type);
            transport.Type.Should().Be(type);
            transport.KeepsContent.Should().Be(type == OutgoingTransportType.HttpDownload);
            // TAXII carries XML and JSON content only, syslog one line per item only (CSV, plain text); the rest carry anything
            transport.Carries(FeedContentType.Stix12).Should().Be(type is not OutgoingTransportType.Syslog);
            transport.Carries(FeedContentType.Csv).Should().Be(type is not (OutgoingTransportType.TaxiiPoll or OutgoingTransportType.TaxiiInbox));
        }
    }
}
