using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Persistence;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Taxii.Server.Taxii;
using Taxii.Server.Taxii.CollectionManagement;
using Taxii.Testing;
using CollectionType = Taxii.Core.Collections.CollectionType;
using ServiceType = Taxii.Core.Collections.ServiceType;

namespace Taxii.Server.Tests.Taxii;

public sealed class CollectionManagementTests(CollectionManagementTests.Factory app) : IClassFixture<CollectionManagementTests.Factory>
{
    private const string Password = "collection management password";
    private const string Cm = "/taxii-collection-management-service/";
    private const string Stix12Indicators = ContentBindingIds.Stix12 + "\u001Furn:example:indicators";

    public sealed class Factory : TaxiiAppFactory
    {
        protected override async Task SeedAsync()
        {
            await CreateUserAsync("admin", Password, admin: true);
            var reader = await CreateUserAsync("reader", Password);
            await CreateUserAsync("nobody", Password);
            await TestData.AddServiceAsync(this, ServiceType.Poll, "/closed-poll/", available: false);
            await TestData.AddCollectionAsync(this, "stix-feed", CollectionType.DataFeed, [ContentBindingIds.Stix111, Stix12Indicators],
                Cm, "/taxii-inbox-service/", "/taxii-poll-service/", "/closed-poll/");
            await TestData.AddCollectionAsync(this, "stix-set", CollectionType.DataSet, [], Cm, "/taxii-poll-service/");
            await TestData.AddCollectionAsync(this, "hidden", CollectionType.DataFeed, [], Cm, "/taxii-poll-service/");
            await TestData.AddCollectionAsync(this, "elsewhere", CollectionType.DataFeed, [], "/taxii-poll-service/");
            await TestData.GrantAsync(this, reader, read: true, write: false, "default", "stix-feed", "stix-set");
            await TestData.AddBlocksAsync(this, "default", ContentBindingIds.Stix12, "<a/>", "<b/>");

            // a month old: 14 blocks this week and 5 ten days ago, so 2 a day
            await TestData.AddCollectionAsync(this, "weekly", CollectionType.DataFeed, [], Cm, "/taxii-poll-service/");
            await TestData.AddBlocksAsync(this, "weekly", ContentBindingIds.Stix12, [.. Enumerable.Range(0, 14).Select(i => $"<recent n='{i}'/>")]);
            var old = await TestData.AddBlocksAsync(this, "weekly", ContentBindingIds.Stix12, [.. Enumerable.Range(0, 5).Select(i => $"<old n='{i}'/>")]);
            await TestData.AddCollectionAsync(this, "busy", CollectionType.DataFeed, [], Cm, "/taxii-poll-service/");
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var now = DateTimeOffset.UtcNow;
            await db.Collections.Where(c => c.Name == "weekly").ExecuteUpdateAsync(c => c.SetProperty(x => x.CreatedAt, now.AddDays(-30)), TestContext.Current.CancellationToken);
            await db.ContentBlocks.Where(b => old.Contains(b.Id)).ExecuteUpdateAsync(b => b.SetProperty(x => x.TimestampLabel, now.AddDays(-10)), TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Administrator_sees_every_collection_of_the_service_with_its_services()
    {
        var response = await InformationAsync(TaxiiVersion.V11, "admin");

        response.Collections.Select(c => c.Name).Should().Equal("busy", "default", "hidden", "stix-feed", "stix-set", "weekly");
        var feed = response.Collections.Single(c => c.Name == "default");
        feed.Type.Should().Be(Protocol.Messages.CollectionType.DataFeed);
        feed.Available.Should().BeTrue();
        feed.Description.Should().Be("The default collection");
        feed.Volume.Should().Be(2, "the collection is new and got 2 blocks today");
        feed.ContentBindings.Should().BeEmpty("the collection takes any binding");
        feed.PollingServices.Should().ContainSingle().Which.Should().BeEquivalentTo(Endpoint("/taxii-poll-service/", MessageBindingIds.Xml11));
        feed.SubscriptionServices.Should().ContainSingle().Which.Should().BeEquivalentTo(Endpoint(Cm, MessageBindingIds.Xml11));
        feed.ReceivingInboxServices.Should().ContainSingle().Which.Address.Should().Be(app.Address("/taxii-inbox-service/").ToString());
        feed.PushMethods.Should().BeEquivalentTo(CollectionInformation.PushMethods(TaxiiVersion.V11));
        response.Collections.Single(c => c.Name == "stix-set").Type.Should().Be(Protocol.Messages.CollectionType.DataSet);
    }

    [Fact]
    public async Task Content_bindings_and_only_available_services_are_listed()
    {
        var response = await InformationAsync(TaxiiVersion.V11, "admin");

        var feed = response.Collections.Single(c => c.Name == "stix-feed");
        feed.ContentBindings.Select(b => (b.BindingId, string.Join(",", b.Subtypes))).Should().Equal(
            (ContentBindingIds.Stix111, ""), (ContentBindingIds.Stix12, "urn:example:indicators"));
        feed.PollingServices.Should().ContainSingle("the closed poll service is not available")
            .Which.Address.Should().EndWith("/taxii-poll-service/");
        feed.ReceivingInboxServices.Should().ContainSingle().Which.ContentBindings.Should().BeEquivalentTo(feed.ContentBindings);
        feed.Volume.Should().Be(0);
    }

    [Fact]
    public async Task Collection_volume_is_the_typical_number_of_blocks_per_day_over_the_last_week()
    {
        var response = await InformationAsync(TaxiiVersion.V11, "admin");

        response.Collections.Single(c => c.Name == "weekly").Volume.Should().Be(2, "14 blocks came this week, the 5 older ones do not count");
    }

    [Fact]
    public async Task Collection_volume_is_not_counted_on_every_request()
    {
        (await InformationAsync(TaxiiVersion.V11, "admin")).Collections.Single(c => c.Name == "busy").Volume.Should().Be(0);
        await TestData.AddBlocksAsync(app, "busy", ContentBindingIds.Stix12, "<new/>");

        var again = await InformationAsync(TaxiiVersion.V11, "admin");

        again.Collections.Single(c => c.Name == "busy").Volume.Should().Be(0, $"volumes are counted at most once per {CollectionVolumes.Refresh}");
    }

    [Fact]
    public async Task Group_member_sees_the_collections_granted_to_read()
    {
        var response = await InformationAsync(TaxiiVersion.V11, "reader");

        response.Collections.Select(c => c.Name).Should().Equal("default", "stix-feed", "stix-set");
    }

    [Fact]
    public async Task User_without_rights_sees_no_collection()
    {
        var response = await InformationAsync(TaxiiVersion.V11, "nobody");

        response.Collections.Should().BeEmpty();
    }

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task Anonymous_caller_is_unauthorized(TaxiiVersion version)
    {
        var ask = () => app.CreateTaxiiClient(version).GetCollectionInformationAsync(app.Address(Cm), TestContext.Current.CancellationToken);

        (await ask.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.Unauthorized);
    }

    [Fact]
    public async Task TAXII_1_0_lists_feeds_only_with_their_bindings_and_no_1_1_fields()
    {
        var response = await InformationAsync(TaxiiVersion.V10, "admin");

        response.Collections.Select(c => c.Name).Should().Equal("busy", "default", "hidden", "stix-feed", "weekly");
        var feed = response.Collections.Single(c => c.Name == "stix-feed");
        feed.ContentBindings.Select(b => b.BindingId).Should().Equal(ContentBindingIds.Stix111, ContentBindingIds.Stix12);
        feed.ContentBindings.Should().AllSatisfy(b => b.Subtypes.Should().BeEmpty());
        feed.Volume.Should().BeNull();
        feed.ReceivingInboxServices.Should().BeEmpty();
        feed.PollingServices.Should().ContainSingle().Which.Should().BeEquivalentTo(Endpoint("/taxii-poll-service/", MessageBindingIds.Xml10));
        feed.SubscriptionServices.Should().ContainSingle().Which.Should().BeEquivalentTo(Endpoint(Cm, MessageBindingIds.Xml10));
        response.Collections.Single(c => c.Name == "default").ContentBindings.Select(b => b.BindingId)
            .Should().Equal(CollectionContent.AnyInV10.Order(StringComparer.Ordinal));
    }

    private Task<CollectionInformationResponse> InformationAsync(TaxiiVersion version, string user) =>
        app.CreateTaxiiClient(version, user, Password).GetCollectionInformationAsync(app.Address(Cm), TestContext.Current.CancellationToken);

    private ServiceEndpoint Endpoint(string path, string messageBinding) =>
        new(ProtocolBindingIds.Http10, app.Address(path).ToString(), [messageBinding]);
}
