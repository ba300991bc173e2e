using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Taxii.Server.Taxii;
using Taxii.Testing;
using static Taxii.Server.Tests.Taxii.TaxiiData;
using ServiceType = Taxii.Core.Collections.ServiceType;

namespace Taxii.Server.Tests.Taxii;

public sealed class InboxTests(InboxTests.Factory app) : IClassFixture<InboxTests.Factory>
{
    private const string Password = "inbox password";
    private const string NamedInbox = "/inbox-named-only/";

    public sealed class Factory : TaxiiAppFactory
    {
        public User Writer { get; private set; } = null!;

        public User Reader { get; private set; } = null!;

        public User Stranger { get; private set; } = null!;

        protected override async Task SeedAsync()
        {
            Writer = await CreateUserAsync("writer", Password);
            Reader = await CreateUserAsync("reader", Password);
            Stranger = await CreateUserAsync("stranger", Password);
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            db.Services.Add(new Service { Type = ServiceType.Inbox, Path = NamedInbox, DestinationCollectionRequired = true });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task Inbox_then_poll_returns_the_exact_content(TaxiiVersion version)
    {
        var user = await app.CreateUserAsync($"roundtrip-{version}", Password);
        // a collection taking anything takes only the STIX bindings in 1.0 (what its Feed_Information advertises)
        var collection = await app.AddCollectionAsync($"roundtrip-{version}", bindings: version == TaxiiVersion.V10 ? [Stix12, Json] : null);
        await app.GrantAsync(user, collection, read: true, write: true);
        var client = app.CreateTaxiiClient(version, user.Name, Password);
        var stix = await StixAsync("1.2_cbtaxii_simple_ip_watchlist.xml");
        const string json = "{\"type\": \"indicator\", \"pattern\": \"[ipv4-addr:value = '10.0.0.1']\", \"note\": \"<&>\\r\\n\"}";

        var status = await client.InboxAsync(app.Address(Inbox),
            version == TaxiiVersion.V11 ? Message([XmlBlock(stix), TextBlock(json)], collection.Name) : Message([XmlBlock(stix), TextBlock(json)]), Ct);
        var response = await client.PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);

        status.Status.Should().Be(StatusType.Success);
        response.ContentBlocks.Should().HaveCount(2);
        var xml = response.ContentBlocks[0];
        xml.Binding.BindingId.Should().Be(Stix12);
        xml.Content.Kind.Should().Be(TaxiiContentKind.Xml);
        xml.Content.Value.Should().Be(stix, "content is stored as it was sent");
        response.ContentBlocks[1].Content.Should().Be(TaxiiContent.FromText(json));
        response.ContentBlocks[1].Binding.BindingId.Should().Be(Json);
        response.ContentBlocks.Should().AllSatisfy(b => b.TimestampLabel.Should().NotBeNull().And.BeOnOrBefore(response.Header.InclusiveEndTimestamp!.Value));
    }

    [Fact]
    public async Task A_message_goes_to_every_named_collection_and_keeps_the_block_message_and_subtype()
    {
        var first = await app.AddCollectionAsync("named-1");
        var second = await app.AddCollectionAsync("named-2");
        await app.GrantAsync(app.Writer, first, read: true, write: true);
        await app.GrantAsync(app.Writer, second, read: true, write: true);
        var block = XmlBlock("<x:a xmlns:x=\"urn:x\"/>") with { Message = "block note", Binding = new ContentBinding(Stix12) { Subtypes = ["urn:sub"] } };

        await Writer().InboxAsync(app.Address(Inbox), Message([block], first.Name, second.Name), Ct);

        foreach (var name in new[] { first.Name, second.Name })
        {
            var stored = (await Writer().PollAsync(app.Address(Poll), PollOf(name), Ct)).ContentBlocks.Should().ContainSingle().Subject;
            stored.Message.Should().Be("block note");
            stored.Binding.Subtypes.Should().Equal("urn:sub");
        }
    }

    [Fact]
    public async Task Content_a_destination_does_not_accept_is_UNSUPPORTED_CONTENT_and_nothing_is_stored()
    {
        var open = await app.AddCollectionAsync("accepts-all");
        var stixOnly = await app.AddCollectionAsync("stix-only", bindings: [Stix12]);
        await app.GrantAsync(app.Writer, open, read: true, write: true);
        await app.GrantAsync(app.Writer, stixOnly, read: true, write: true);

        var send = () => Writer().InboxAsync(app.Address(Inbox),
            Message([XmlBlock("<a/>"), TextBlock("{}")], open.Name, stixOnly.Name), Ct);

        var refusal = (await send.Should().ThrowAsync<TaxiiStatusException>()).Which;
        refusal.Status.Should().Be(StatusType.UnsupportedContent);
        refusal.Details.Should().Equal(new StatusDetail(StatusDetailNames.SupportedContent, Stix12));
        (await app.CountBlocksAsync(open)).Should().Be(0, "a refused message stores nothing, not even its acceptable blocks");
        (await app.CountBlocksAsync(stixOnly)).Should().Be(0);
    }

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task Without_destination_names_each_block_goes_to_the_collections_that_accept_it(TaxiiVersion version)
    {
        var (user, stix, json) = await RoutingAsync($"route-{version}");

        var status = await app.CreateTaxiiClient(version, user.Name, Password)
            .InboxAsync(app.Address(Inbox), Message([XmlBlock("<a/>"), TextBlock("{}"), XmlBlock("<b/>")]), Ct);

        // one collection refusing a binding does not fail the message when another accepts it
        status.Status.Should().Be(StatusType.Success);
        (await app.CountBlocksAsync(stix)).Should().Be(2);
        (await app.CountBlocksAsync(json)).Should().Be(1);
    }

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task Without_destination_names_a_block_no_collection_accepts_is_UNSUPPORTED_CONTENT_and_nothing_is_stored(TaxiiVersion version)
    {
        var (user, stix, json) = await RoutingAsync($"unrouted-{version}");

        var send = () => app.CreateTaxiiClient(version, user.Name, Password)
            .InboxAsync(app.Address(Inbox), Message([XmlBlock("<a/>"), TextBlock("{}"), XmlBlock("<cap/>", ContentBindingIds.Cap12)]), Ct);

        var refusal = (await send.Should().ThrowAsync<TaxiiStatusException>()).Which;
        refusal.Status.Should().Be(StatusType.UnsupportedContent);
        refusal.Reply!.Message.Should().Contain("Content block 3").And.Contain(ContentBindingIds.Cap12);
        // what any of them accepts (1.0: one space-separated Status_Detail)
        var supported = version == TaxiiVersion.V11 ? refusal.Details.Select(d => d.Value) : refusal.Reply.DetailText!.Split(' ');
        supported.Should().Equal(Json, Stix12);
        (await app.CountBlocksAsync(stix)).Should().Be(0, "the message stays all or nothing");
        (await app.CountBlocksAsync(json)).Should().Be(0);
    }

    [Fact]
    public async Task TAXII_1_0_sees_a_collection_that_takes_anything_as_taking_the_STIX_bindings()
    {
        var user = await app.CreateUserAsync("any-v10", Password);
        var any = await app.AddCollectionAsync("any-v10");
        var json = await app.AddCollectionAsync("any-v10-json", bindings: [Json]);
        await app.GrantAsync(user, any, read: true, write: true);
        var client = app.CreateTaxiiClient(TaxiiVersion.V10, user.Name, Password);

        var jsonOnly = () => client.InboxAsync(app.Address(Inbox), Message([TextBlock("{}")]), Ct);
        var refusal = (await jsonOnly.Should().ThrowAsync<TaxiiStatusException>()).Which;
        await app.GrantAsync(user, json, read: true, write: true);
        await client.InboxAsync(app.Address(Inbox), Message([XmlBlock("<a/>"), TextBlock("{}"), XmlBlock("<b/>", ContentBindingIds.Stix111)]), Ct);

        refusal.Status.Should().Be(StatusType.UnsupportedContent);
        refusal.Reply!.DetailText!.Split(' ').Should().BeEquivalentTo(CollectionContent.AnyInV10);
        (await app.CountBlocksAsync(any)).Should().Be(2, "the STIX blocks");
        (await app.CountBlocksAsync(json)).Should().Be(1);
        (await app.CreateTaxiiClient(TaxiiVersion.V11, user.Name, Password).InboxAsync(app.Address(Inbox), Message([TextBlock("{}")], any.Name), Ct))
            .Status.Should().Be(StatusType.Success, "in 1.1 the collection takes anything");
    }

    [Fact]
    public async Task TAXII_1_0_discovery_names_an_inbox_s_bindings_without_their_subtypes()
    {
        await app.AddCollectionAsync("subtyped", bindings: [Stix12 + "\u001Furn:example:indicators"], servicePaths: [NamedInbox]);
        app.Services.GetRequiredService<ServiceDirectory>().Invalidate();

        var response = await app.CreateTaxiiClient(TaxiiVersion.V10, app.Writer.Name, Password).DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct);

        // 1.0 cannot name a subtype: the binding it belongs to stands for it
        response.ServiceInstances.Single(s => s.Address == app.Address(NamedInbox).ToString())
            .ContentBindings.Should().Equal(new ContentBinding(Stix12));
    }

    [Fact]
    public async Task Content_in_a_wrapper_the_collection_accepts_is_accepted()
    {
        var encrypted = await app.AddCollectionAsync("encrypted", bindings: [ContentBindingIds.XmlEncryption]);
        var stix = await app.AddCollectionAsync("plain-stix", bindings: [ContentBindingIds.Stix111]);
        await app.GrantAsync(app.Writer, encrypted, read: true, write: true);
        await app.GrantAsync(app.Writer, stix, read: true, write: true);
        // STIX 1.1.1 inside XML Encryption: a nesting expression
        var wrapped = XmlBlock("<e:EncryptedData xmlns:e=\"http://www.w3.org/2001/04/xmlenc#\"/>",
            ContentBindingIds.XmlEncryption + ContentBindingIds.NestingSeparator + ContentBindingIds.Stix111);

        var status = await Writer().InboxAsync(app.Address(Inbox), Message([wrapped], encrypted.Name), Ct);
        var unwrapped = () => Writer().InboxAsync(app.Address(Inbox), Message([wrapped], stix.Name), Ct);

        status.Status.Should().Be(StatusType.Success, "content in an acceptable wrapper is not an error");
        (await app.CountBlocksAsync(encrypted)).Should().Be(1);
        (await unwrapped.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.UnsupportedContent,
            "the collection takes STIX, not what is wrapped in XML Encryption");
    }

    [Fact]
    public async Task A_readable_but_not_writable_destination_is_UNAUTHORIZED_and_nothing_is_stored()
    {
        var readOnly = await app.AddCollectionAsync("read-only");
        var writable = await app.AddCollectionAsync("writable-for-reader");
        await app.GrantAsync(app.Reader, readOnly, read: true, write: false);
        await app.GrantAsync(app.Reader, writable, read: false, write: true);

        var send = () => app.CreateTaxiiClient(TaxiiVersion.V11, app.Reader.Name, Password)
            .InboxAsync(app.Address(Inbox), Message([XmlBlock("<a/>")], writable.Name, readOnly.Name), Ct);

        // insufficient rights, not a destination naming error
        var refusal = (await send.Should().ThrowAsync<TaxiiStatusException>()).Which;
        refusal.Status.Should().Be(StatusType.Unauthorized);
        refusal.Reply!.Message.Should().Contain(readOnly.Name);
        (await app.CountBlocksAsync(readOnly)).Should().Be(0);
        (await app.CountBlocksAsync(writable)).Should().Be(0, "a refused message stores nothing");
    }

    [Fact]
    public async Task An_unknown_or_hidden_destination_is_NOT_FOUND_with_ITEM()
    {
        var hidden = await app.AddCollectionAsync("hidden-from-stranger");

        foreach (var name in new[] { "no-such-collection", hidden.Name })
        {
            var send = () => app.CreateTaxiiClient(TaxiiVersion.V11, app.Stranger.Name, Password)
                .InboxAsync(app.Address(Inbox), Message([XmlBlock("<a/>")], name), Ct);

            var refusal = (await send.Should().ThrowAsync<TaxiiStatusException>()).Which;
            refusal.Status.Should().Be(StatusType.NotFound);
            refusal.Details.Should().Equal(new StatusDetail(StatusDetailNames.Item, name));
        }
    }

    [Fact]
    public async Task An_inbox_that_requires_destinations_refuses_a_message_without_them()
    {
        var send = () => Writer().InboxAsync(app.Address(NamedInbox), Message([XmlBlock("<a/>")]), Ct);

        (await send.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.DestinationCollectionError);
    }

    [Fact]
    public async Task Group_rights_decide_who_may_write()
    {
        var collection = await app.AddCollectionAsync("rights");
        var canWrite = await app.CreateUserAsync("can-write", Password);
        var canRead = await app.CreateUserAsync("can-read", Password);
        var neither = await app.CreateUserAsync("neither", Password);
        await app.GrantAsync(canWrite, collection, read: false, write: true);
        await app.GrantAsync(canRead, collection, read: true, write: false);

        await app.CreateTaxiiClient(TaxiiVersion.V11, canWrite.Name, Password).InboxAsync(app.Address(Inbox), Message([XmlBlock("<a/>")]), Ct);
        var readerSends = () => app.CreateTaxiiClient(TaxiiVersion.V10, canRead.Name, Password).InboxAsync(app.Address(Inbox), Message([XmlBlock("<a/>")]), Ct);
        var neitherSends = () => app.CreateTaxiiClient(TaxiiVersion.V11, neither.Name, Password).InboxAsync(app.Address(Inbox), Message([XmlBlock("<a/>")], collection.Name), Ct);

        (await app.CountBlocksAsync(collection)).Should().Be(1);
        (await readerSends.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.Unauthorized);
        (await neitherSends.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.NotFound);
        (await app.CountBlocksAsync(collection)).Should().Be(1);
    }

    [Fact]
    public async Task Without_credentials_the_inbox_is_UNAUTHORIZED()
    {
        var send = () => app.CreateTaxiiClient().InboxAsync(app.Address(Inbox), Message([XmlBlock("<a/>")], "default"), Ct);

        (await send.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.Unauthorized);
    }

    /// <summary>A user who may write exactly two collections of the inbox: one taking STIX 1.2, one taking JSON.</summary>
    private async Task<(User User, Collection Stix, Collection Json)> RoutingAsync(string name)
    {
        var user = await app.CreateUserAsync(name, Password);
        var stix = await app.AddCollectionAsync($"{name}-stix", bindings: [Stix12]);
        var json = await app.AddCollectionAsync($"{name}-json", bindings: [Json]);
        await app.GrantAsync(user, stix, read: true, write: true);
        await app.GrantAsync(user, json, read: true, write: true);
        return (user, stix, json);
    }

    private TaxiiClient Writer() => app.CreateTaxiiClient(TaxiiVersion.V11, app.Writer.Name, Password);
}
