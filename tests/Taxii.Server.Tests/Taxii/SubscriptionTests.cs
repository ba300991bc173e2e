using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Persistence;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Query;
using Taxii.Server.Taxii;
using Taxii.Testing;
using static Taxii.Server.Tests.Taxii.Subscriptions;
using CollectionType = Taxii.Core.Collections.CollectionType;

namespace Taxii.Server.Tests.Taxii;

public sealed class SubscriptionTests(SubscriptionTests.Factory app) : IClassFixture<SubscriptionTests.Factory>
{
    private const string Password = "subscription password";
    private const string Inbox = "https://subscriber.example/inbox/";

    public sealed class Factory : TaxiiAppFactory
    {
        protected override async Task SeedAsync()
        {
            await CreateUserAsync("admin", Password, admin: true);
            var alice = await CreateUserAsync("alice", Password);
            var bob = await CreateUserAsync("bob", Password);
            await TestData.AddCollectionAsync(this, "stix", CollectionType.DataFeed, [ContentBindingIds.Stix111], Cm, "/taxii-poll-service/");
            await TestData.AddCollectionAsync(this, "push-only", CollectionType.DataFeed, [], Cm);
            await TestData.AddCollectionAsync(this, "secret", CollectionType.DataFeed, [], Cm, "/taxii-poll-service/");
            await TestData.GrantAsync(this, alice, read: true, write: false, "default", "stix", "push-only");
            await TestData.GrantAsync(this, bob, read: true, write: false, "default");
        }
    }

    [Fact]
    public async Task Subscribe_to_poll_is_active_with_its_parameters_and_poll_instances()
    {
        var parameters = new SubscriptionParameters
        {
            ResponseType = ResponseType.CountOnly,
            ContentBindings = [new ContentBinding(ContentBindingIds.Stix111)],
            Query = WantedTitles,
        };

        var response = await ManageAsync("alice", Subscribe("stix", parameters));

        response.CollectionName.Should().Be("stix");
        var subscription = response.Subscriptions.Should().ContainSingle().Subject;
        subscription.SubscriptionId.Should().StartWith("urn:uuid:");
        subscription.Status.Should().Be(SubscriptionStatus.Active);
        subscription.PushParameters.Should().BeNull();
        subscription.PollInstances.Should().ContainSingle().Which.Address.Should().Be(app.Address("/taxii-poll-service/").ToString());
        subscription.SubscriptionParameters!.ResponseType.Should().Be(ResponseType.CountOnly);
        subscription.SubscriptionParameters.ContentBindings.Select(b => b.BindingId).Should().Equal(ContentBindingIds.Stix111);
        subscription.SubscriptionParameters.Query!.FormatId.Should().Be(QueryFormatIds.DefaultQuery10);
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Subscriptions
            .SingleAsync(s => s.Id == subscription.SubscriptionId, TestContext.Current.CancellationToken);
        stored.ProtocolVersion.Should().Be("1.1");
        stored.UserId.Should().NotBeNull();
        DefaultQueryXml.Parse(stored.QueryXml!).Should().BeEquivalentTo(DefaultQueryXml.Parse(WantedTitles.Xml));
    }

    [Fact]
    public async Task The_same_subscribe_twice_returns_the_existing_subscription()
    {
        var push = new PushParameters(ProtocolBindingIds.Https10, Inbox, MessageBindingIds.Xml11);

        var first = await ManageAsync("alice", Subscribe("default", push: push));
        var second = await ManageAsync("alice", Subscribe("default", push: push));

        second.Subscriptions.Single().SubscriptionId.Should().Be(first.Subscriptions.Single().SubscriptionId);
        second.Subscriptions.Single().PushParameters.Should().BeEquivalentTo(push);
    }

    [Fact]
    public async Task Pause_resume_status_and_unsubscribe_change_the_subscription()
    {
        var id = (await ManageAsync("alice", Subscribe("default", new SubscriptionParameters { ResponseType = ResponseType.CountOnly })))
            .Subscriptions.Single().SubscriptionId;

        (await StatusOf("alice", SubscriptionAction.Pause, id)).Should().Be(SubscriptionStatus.Paused);
        (await StatusOf("alice", SubscriptionAction.Pause, id)).Should().Be(SubscriptionStatus.Paused, "pausing twice changes nothing");
        (await StatusOf("alice", SubscriptionAction.Status, id)).Should().Be(SubscriptionStatus.Paused);
        (await StatusOf("alice", SubscriptionAction.Resume, id)).Should().Be(SubscriptionStatus.Active);
        (await StatusOf("alice", SubscriptionAction.Resume, id)).Should().Be(SubscriptionStatus.Active);
        (await StatusOf("alice", SubscriptionAction.Unsubscribe, id)).Should().Be(SubscriptionStatus.Unsubscribed);
        (await StatusOf("alice", SubscriptionAction.Unsubscribe, id)).Should().Be(SubscriptionStatus.Unsubscribed, "unsubscribing twice succeeds");
    }

    [Theory]
    [InlineData(SubscriptionAction.Status)]
    [InlineData(SubscriptionAction.Pause)]
    [InlineData(SubscriptionAction.Resume)]
    public async Task An_unsubscribed_subscription_is_NOT_FOUND_afterwards(SubscriptionAction action)
    {
        var id = (await ManageAsync("alice", Subscribe("default", push: new(ProtocolBindingIds.Http10, $"http://gone.example/{action}", MessageBindingIds.Xml11))))
            .Subscriptions.Single().SubscriptionId;
        await ManageAsync("alice", Act(SubscriptionAction.Unsubscribe, "default", id));

        var refused = await ErrorOf("alice", Act(action, "default", id));

        // the status table keeps UNSUBSCRIBED for the answer to the UNSUBSCRIBE itself
        refused.Status.Should().Be(StatusType.NotFound);
        refused.Details.Should().ContainSingle(d => d.Name == StatusDetailNames.Item && d.Value == id);
    }

    [Fact]
    public async Task Status_without_id_lists_the_callers_own_live_subscriptions()
    {
        var mine = (await ManageAsync("bob", Subscribe("default", push: new(ProtocolBindingIds.Http10, "http://bob.example/a", MessageBindingIds.Xml11))))
            .Subscriptions.Single().SubscriptionId;
        var gone = (await ManageAsync("bob", Subscribe("default", push: new(ProtocolBindingIds.Http10, "http://bob.example/b", MessageBindingIds.Xml11))))
            .Subscriptions.Single().SubscriptionId;
        await ManageAsync("bob", Act(SubscriptionAction.Unsubscribe, "default", gone));
        await ManageAsync("alice", Subscribe("default", push: new(ProtocolBindingIds.Http10, "http://alice.example/", MessageBindingIds.Xml11)));

        var response = await ManageAsync("bob", Act(SubscriptionAction.Status, "default", null));

        response.Subscriptions.Should().ContainSingle().Which.SubscriptionId.Should().Be(mine);
        response.Subscriptions.Single().SubscriptionParameters.Should().NotBeNull("STATUS must carry the parameters");
    }

    [Fact]
    public async Task Only_the_subscriber_or_an_administrator_manages_a_subscription()
    {
        var id = (await ManageAsync("alice", Subscribe("default", new SubscriptionParameters { ContentBindings = [new(ContentBindingIds.Cap12)] })))
            .Subscriptions.Single().SubscriptionId;

        var refused = await ErrorOf("bob", Act(SubscriptionAction.Pause, "default", id));
        refused.Status.Should().Be(StatusType.NotFound);
        refused.Details.Should().ContainSingle(d => d.Name == StatusDetailNames.Item && d.Value == id);
        (await StatusOf("bob", SubscriptionAction.Unsubscribe, id)).Should().Be(SubscriptionStatus.Unsubscribed, "an unknown id unsubscribes successfully");
        (await StatusOf("alice", SubscriptionAction.Status, id)).Should().Be(SubscriptionStatus.Active, "bob changed nothing");
        (await StatusOf("admin", SubscriptionAction.Pause, id)).Should().Be(SubscriptionStatus.Paused);
    }

    [Theory]
    [InlineData(SubscriptionAction.Pause)]
    [InlineData(SubscriptionAction.Resume)]
    [InlineData(SubscriptionAction.Status)]
    public async Task Unknown_subscription_is_NOT_FOUND_with_the_item(SubscriptionAction action)
    {
        var refused = await ErrorOf("alice", Act(action, "default", "urn:uuid:00000000-0000-0000-0000-000000000000"));

        refused.Status.Should().Be(StatusType.NotFound);
        refused.Details.Should().ContainSingle().Which.Value.Should().Be("urn:uuid:00000000-0000-0000-0000-000000000000");
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("secret")]
    public async Task Unknown_or_forbidden_collection_is_NOT_FOUND(string collection)
    {
        (await ErrorOf("alice", Subscribe(collection))).Status.Should().Be(StatusType.NotFound);
    }

    [Theory]
    [InlineData("urn:example:protocol", "https://x.example/", "UNSUPPORTED_PROTOCOL")]
    [InlineData(ProtocolBindingIds.Https10, "http://x.example/", "UNSUPPORTED_PROTOCOL")]
    [InlineData(ProtocolBindingIds.Http10, "ftp://x.example/", "UNSUPPORTED_PROTOCOL")]
    [InlineData(ProtocolBindingIds.Http10, "/relative/inbox", "UNSUPPORTED_PROTOCOL")]
    [InlineData(ProtocolBindingIds.Http10, "http://user:secret@x.example/", "BAD_MESSAGE")]
    public async Task Push_parameters_are_checked(string protocol, string address, string status)
    {
        var refused = await ErrorOf("alice", Subscribe("default", push: new(protocol, address, MessageBindingIds.Xml11)));

        refused.Status.Value.Should().Be(status);
    }

    [Fact]
    public async Task Push_in_another_message_binding_is_UNSUPPORTED_MESSAGE()
    {
        var refused = await ErrorOf("alice", Subscribe("default", push: new(ProtocolBindingIds.Http10, "http://x.example/", MessageBindingIds.Xml10)));

        refused.Status.Should().Be(StatusType.UnsupportedMessage);
        refused.Details.Should().ContainSingle().Which.Value.Should().Be(MessageBindingIds.Xml11);
    }

    [Fact]
    public async Task Queries_other_than_the_Default_Query_are_UNSUPPORTED_QUERY()
    {
        var refused = await ErrorOf("alice", Subscribe("default", new SubscriptionParameters { Query = new("urn:example:query", "<q xmlns=\"urn:example\"/>") }));

        refused.Status.Should().Be(StatusType.UnsupportedQuery);
        refused.Details.Should().ContainSingle(d => d.Name == StatusDetailNames.SupportedQuery && d.Value == QueryFormatIds.DefaultQuery10);
    }

    [Fact]
    public async Task A_Default_Query_refusal_keeps_its_status_and_details()
    {
        var query = new TaxiiQuery(QueryFormatIds.DefaultQuery10, DefaultQueryXml.ToXml(new DefaultQuery(TargetingExpressionIds.Stix12,
            new Criteria(CriteriaOperator.And, new Criterion("**/Title", new CriterionTest("urn:example:module", "shiny"))))));

        var refused = await ErrorOf("alice", Subscribe("default", new SubscriptionParameters { Query = query }));

        refused.Status.Should().Be(StatusType.UnsupportedCapabilityModule);
        refused.Details.Should().Contain(d => d.Name == StatusDetailNames.CapabilityModule);
    }

    [Fact]
    public async Task Bindings_the_collection_does_not_take_are_UNSUPPORTED_CONTENT()
    {
        var refused = await ErrorOf("alice", Subscribe("stix", new SubscriptionParameters { ContentBindings = [new(ContentBindingIds.Cap12)] }));

        refused.Status.Should().Be(StatusType.UnsupportedContent);
        refused.Details.Should().ContainSingle().Which.Value.Should().Be(ContentBindingIds.Stix111);
    }

    [Fact]
    public async Task Subscribing_to_poll_a_collection_without_poll_service_is_POLLING_UNSUPPORTED()
    {
        (await ErrorOf("alice", Subscribe("push-only"))).Status.Should().Be(StatusType.PollingUnsupported);
        (await ManageAsync("alice", Subscribe("push-only", push: new(ProtocolBindingIds.Https10, Inbox, MessageBindingIds.Xml11))))
            .Subscriptions.Single().PollInstances.Should().BeEmpty();
    }

    [Fact]
    public async Task Anonymous_caller_is_unauthorized()
    {
        var manage = () => app.CreateTaxiiClient().ManageSubscriptionAsync(app.Address(Cm), Subscribe("default"), TestContext.Current.CancellationToken);

        (await manage.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.Unauthorized);
    }

    [Fact]
    public async Task TAXII_1_0_subscribes_with_bindings_in_push_parameters_lists_and_unsubscribes()
    {
        var push = new PushParameters(ProtocolBindingIds.Http10, "http://old.example/inbox", MessageBindingIds.Xml10)
        {
            ContentBindings = [ContentBindingIds.Stix111],
        };
        var request = new SubscriptionManagementRequest(MessageIds.New(), SubscriptionAction.Subscribe, "stix") { PushParameters = push };

        var subscribed = await ManageAsync("alice", request, TaxiiVersion.V10);
        var id = subscribed.Subscriptions.Single().SubscriptionId;
        var listed = await ManageAsync("alice", Act(SubscriptionAction.Status, "stix", null), TaxiiVersion.V10);
        var inV11 = await ManageAsync("alice", Act(SubscriptionAction.Status, "stix", null));
        var unsubscribed = await ManageAsync("alice", Act(SubscriptionAction.Unsubscribe, "stix", id), TaxiiVersion.V10);
        var after = await ManageAsync("alice", Act(SubscriptionAction.Status, "stix", null), TaxiiVersion.V10);
        var afterById = await ErrorOf("alice", Act(SubscriptionAction.Status, "stix", id), TaxiiVersion.V10);

        // 1.0: Push_Parameters answer STATUS only (a sender SHOULD NOT include them otherwise); none after UNSUBSCRIBE
        subscribed.Subscriptions.Single().PushParameters.Should().BeNull();
        subscribed.Subscriptions.Single().PollInstances.Single().MessageBindings.Should().Equal(MessageBindingIds.Xml10);
        listed.Subscriptions.Select(s => s.SubscriptionId).Should().Equal(id);
        listed.Subscriptions.Single().PushParameters.Should().BeEquivalentTo(push);
        unsubscribed.Subscriptions.Single().PushParameters.Should().BeNull();
        unsubscribed.Subscriptions.Single().PollInstances.Should().BeEmpty();
        inV11.Subscriptions.Select(s => s.SubscriptionId).Should().NotContain(id, "a subscription is managed in the version it was made in");
        unsubscribed.Subscriptions.Single().SubscriptionId.Should().Be(id);
        after.Subscriptions.Should().BeEmpty();
        afterById.Status.Should().Be(StatusType.NotFound, "a 1.0 answer cannot even say that a listed subscription is unsubscribed");
    }

    [Fact]
    public async Task TAXII_1_0_STATUS_naming_a_subscription_answers_that_one()
    {
        // on 'default': the other 1.0 test lists alice's 1.0 subscriptions to 'stix'
        SubscriptionManagementRequest Subscribe10(string address) => new(MessageIds.New(), SubscriptionAction.Subscribe, "default")
        {
            PushParameters = new PushParameters(ProtocolBindingIds.Http10, address, MessageBindingIds.Xml10),
        };
        var named = (await ManageAsync("alice", Subscribe10("http://old.example/one"), TaxiiVersion.V10)).Subscriptions.Single().SubscriptionId;
        await ManageAsync("alice", Subscribe10("http://old.example/two"), TaxiiVersion.V10);

        var one = await ManageAsync("alice", Act(SubscriptionAction.Status, "default", named), TaxiiVersion.V10);
        var all = await ManageAsync("alice", Act(SubscriptionAction.Status, "default", null), TaxiiVersion.V10);
        var unknown = await ErrorOf("alice", Act(SubscriptionAction.Status, "default", "urn:uuid:00000000-0000-0000-0000-000000000000"), TaxiiVersion.V10);

        one.Subscriptions.Should().ContainSingle().Which.SubscriptionId.Should().Be(named);
        one.Subscriptions.Single().PushParameters!.Address.Should().Be("http://old.example/one");
        all.Subscriptions.Should().HaveCount(2);
        unknown.Status.Should().Be(StatusType.NotFound);
        unknown.DetailText.Should().Be("urn:uuid:00000000-0000-0000-0000-000000000000");
    }

    [Fact]
    public async Task TAXII_1_0_subscribes_to_a_collection_that_takes_anything_for_the_STIX_bindings_it_advertises()
    {
        // bob, on 'default': the other 1.0 tests are alice's
        var push = new PushParameters(ProtocolBindingIds.Http10, "http://old.example/any", MessageBindingIds.Xml10);
        var everything = new SubscriptionManagementRequest(MessageIds.New(), SubscriptionAction.Subscribe, "default") { PushParameters = push };
        var json = everything with { MessageId = MessageIds.New(), PushParameters = push with { ContentBindings = [ContentBindingIds.EclecticIqJson10] } };

        var subscribed = await ManageAsync("bob", everything, TaxiiVersion.V10);
        var status = await ManageAsync("bob", Act(SubscriptionAction.Status, "default", subscribed.Subscriptions.Single().SubscriptionId), TaxiiVersion.V10);
        var refused = await ErrorOf("bob", json, TaxiiVersion.V10);

        // pushes and polls by this subscription keep to the list; its STATUS says so
        status.Subscriptions.Single().PushParameters!.ContentBindings.Should().BeEquivalentTo(CollectionContent.AnyInV10);
        refused.Status.Should().Be(StatusType.UnsupportedContent);
    }

    [Fact]
    public async Task TAXII_1_0_has_no_PAUSE()
    {
        using var http = app.CreateClient("alice", Password);
        using var content = new StringContent(
            "<taxii:Subscription_Management_Request xmlns:taxii=\"http://taxii.mitre.org/messages/taxii_xml_binding-1\" message_id=\"1\" action=\"PAUSE\" feed_name=\"default\"/>",
            System.Text.Encoding.UTF8, "application/xml");
        content.Headers.Add("X-TAXII-Content-Type", MessageBindingIds.Xml10);
        content.Headers.Add("X-TAXII-Services", ServicesIds.V10);
        content.Headers.Add("X-TAXII-Protocol", ProtocolBindingIds.Http10);

        using var response = await http.PostAsync(Cm, content, TestContext.Current.CancellationToken);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.Should().Contain("status_type=\"BAD_MESSAGE\"").And.Contain("PAUSE");
    }

    private Task<SubscriptionManagementResponse> ManageAsync(string user, SubscriptionManagementRequest request, TaxiiVersion version = TaxiiVersion.V11) =>
        app.CreateTaxiiClient(version, user, Password).ManageSubscriptionAsync(app.Address(Cm), request, TestContext.Current.CancellationToken);

    private async Task<SubscriptionStatus> StatusOf(string user, SubscriptionAction action, string id) =>
        (await ManageAsync(user, Act(action, "default", id))).Subscriptions.Single().Status;

    private async Task<StatusMessage> ErrorOf(string user, SubscriptionManagementRequest request, TaxiiVersion version = TaxiiVersion.V11)
    {
        var manage = () => ManageAsync(user, request, version);
        return (await manage.Should().ThrowAsync<TaxiiStatusException>()).Which.Reply!;
    }
}
