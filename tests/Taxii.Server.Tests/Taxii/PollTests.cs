using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Query;
using Taxii.Server.Taxii;
using Taxii.Testing;
using static Taxii.Server.Tests.Taxii.TaxiiData;
using CollectionType = Taxii.Core.Collections.CollectionType;
using ContentBinding = Taxii.Protocol.Messages.ContentBinding;
using ContentBlock = Taxii.Protocol.Messages.ContentBlock;
using ResponseType = Taxii.Protocol.Messages.ResponseType;

namespace Taxii.Server.Tests.Taxii;

public sealed class PollTests(PollTests.Factory app) : IClassFixture<PollTests.Factory>
{
    private const string Password = "poll password";

    public sealed class Factory : TaxiiAppFactory
    {
        public User Analyst { get; private set; } = null!;

        protected override async Task SeedAsync() => Analyst = await CreateUserAsync("analyst", Password, admin: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task Incremental_polls_are_exclusive_at_the_begin_and_inclusive_at_the_end(TaxiiVersion version)
    {
        var collection = await app.AddCollectionAsync($"windows-{version}");
        var client = Client(version);
        await Send(collection, XmlBlock("<a/>"));

        var first = await client.PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);
        await Send(collection, XmlBlock("<b/>"));
        var second = await client.PollAsync(app.Address(Poll), PollOf(collection.Name, begin: first.Header.InclusiveEndTimestamp), Ct);
        var third = await client.PollAsync(app.Address(Poll), PollOf(collection.Name, begin: second.Header.InclusiveEndTimestamp), Ct);
        var a = first.ContentBlocks.Single().TimestampLabel!.Value;
        var upToA = await client.PollAsync(app.Address(Poll), PollOf(collection.Name, end: a), Ct);
        var afterA = await client.PollAsync(app.Address(Poll), PollOf(collection.Name, begin: a), Ct);

        first.ContentBlocks.Select(b => b.Content.Value).Should().Equal("<a/>");
        second.ContentBlocks.Select(b => b.Content.Value).Should().Equal("<b/>");
        third.ContentBlocks.Should().BeEmpty();
        third.Header.InclusiveEndTimestamp.Should().BeOnOrAfter(second.Header.InclusiveEndTimestamp!.Value);
        upToA.ContentBlocks.Select(b => b.Content.Value).Should().Equal("<a/>");
        upToA.Header.InclusiveEndTimestamp.Should().Be(a, "an earlier requested end narrows the window");
        afterA.ContentBlocks.Select(b => b.Content.Value).Should().Equal("<b/>");
        if (version == TaxiiVersion.V11)
        {
            second.Header.ExclusiveBeginTimestamp.Should().Be(first.Header.InclusiveEndTimestamp, "the range considered is the one asked");
            second.Header.RecordCount.Should().Be(new RecordCount(1));
        }
    }

    [Fact]
    public async Task A_poll_during_an_uncommitted_inbox_waits_for_it_and_the_block_is_in_exactly_one_of_two_incremental_polls()
    {
        var collection = await app.AddCollectionAsync("in-flight");
        // hold the inbox's transaction after it took its label: its foreign-key check needs the collection row
        await using var holder = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await holder.OpenAsync(Ct);
        await using var hold = await holder.BeginTransactionAsync(Ct);
        await using (var lockRow = new Npgsql.NpgsqlCommand($"SELECT 1 FROM collections WHERE id = {collection.Id} FOR UPDATE", holder, hold))
        {
            await lockRow.ExecuteNonQueryAsync(Ct);
        }

        var inbox = Send(collection, XmlBlock("<in-flight/>"));
        await WaitForAppendInFlightAsync(collection);
        var poll = Client().PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);
        await Task.Delay(500, Ct);
        poll.IsCompleted.Should().BeFalse("the window cannot close while an inbox that has its label is uncommitted");

        await hold.CommitAsync(Ct);
        await inbox;
        var first = await poll;
        var second = await Client().PollAsync(app.Address(Poll), PollOf(collection.Name, begin: first.Header.InclusiveEndTimestamp), Ct);

        first.ContentBlocks.Concat(second.ContentBlocks).Should().ContainSingle().Which.Content.Value.Should().Be("<in-flight/>");
    }

    [Fact]
    public async Task Count_only_counts_and_full_sends_the_blocks()
    {
        var collection = await app.AddCollectionAsync("count-only");
        await Send(collection, XmlBlock("<a/>"), XmlBlock("<b/>"), TextBlock("c"));

        var count = await Client().PollAsync(app.Address(Poll),
            PollOf(collection.Name, parameters: new PollParameters { ResponseType = ResponseType.CountOnly }), Ct);
        var full = await Client().PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);

        count.ContentBlocks.Should().BeEmpty();
        count.Header.RecordCount.Should().Be(new RecordCount(3));
        full.ContentBlocks.Should().HaveCount(3);
        full.Header.RecordCount.Should().Be(new RecordCount(3));
    }

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task Content_binding_filters_select_what_is_sent(TaxiiVersion version)
    {
        // both named: in 1.0 a collection taking anything serves the STIX bindings only
        var collection = await app.AddCollectionAsync($"bindings-{version}", bindings: [Stix12, Json]);
        await Send(collection, XmlBlock("<a/>"), TextBlock("{\"json\": true}"));

        var json = await Client(version).PollAsync(app.Address(Poll),
            PollOf(collection.Name, parameters: new PollParameters { ContentBindings = [new ContentBinding(Json)] }), Ct);

        json.ContentBlocks.Should().ContainSingle().Which.Content.Value.Should().Be("{\"json\": true}");
    }

    [Fact]
    public async Task Asking_only_for_bindings_a_collection_does_not_hold_is_UNSUPPORTED_CONTENT()
    {
        var collection = await app.AddCollectionAsync("stix-only-poll", bindings: [Stix12]);

        var poll = () => Client().PollAsync(app.Address(Poll),
            PollOf(collection.Name, parameters: new PollParameters { ContentBindings = [new ContentBinding(Json)] }), Ct);

        var refusal = (await poll.Should().ThrowAsync<TaxiiStatusException>()).Which;
        refusal.Status.Should().Be(StatusType.UnsupportedContent);
        refusal.Details.Should().Equal(new StatusDetail(StatusDetailNames.SupportedContent, Stix12));
    }

    [Fact]
    public async Task A_default_query_returns_only_matching_blocks()
    {
        var collection = await app.AddCollectionAsync("query");
        await Send(collection, XmlBlock(await StixAsync("1.2_cbtaxii_simple_ip_watchlist.xml")),
            XmlBlock(await StixAsync("1.2_schemas_STIX_FileHash_Watchlist.xml")), TextBlock("10.0.0.1"));
        var query = new DefaultQuery(TargetingExpressionIds.Stix12, new Criteria(CriteriaOperator.And,
            new Criterion("**/Address_Value", new CriterionTest(CapabilityModules.Core, Relationships.Contains, (TestParameters.Value, "10.0.0.1")))));

        var response = await Client().PollAsync(app.Address(Poll), PollOf(collection.Name, parameters: new PollParameters
        {
            Query = new TaxiiQuery(QueryFormatIds.DefaultQuery10, DefaultQueryXml.ToXml(query)),
        }), Ct);

        response.ContentBlocks.Should().ContainSingle().Which.Content.Value.Should().Contain("10.0.0.1##comma##");
        response.Header.RecordCount.Should().Be(new RecordCount(1));
    }

    [Fact]
    public async Task Another_query_format_is_UNSUPPORTED_QUERY_and_a_query_we_cannot_evaluate_gets_the_default_query_status()
    {
        var collection = await app.AddCollectionAsync("query-errors");
        var unknownModule = new DefaultQuery(TargetingExpressionIds.Stix12, new Criteria(CriteriaOperator.And,
            new Criterion("**", new CriterionTest("urn:example:module", Relationships.Exists))));

        var otherFormat = () => Client().PollAsync(app.Address(Poll), PollOf(collection.Name, parameters: new PollParameters
        {
            Query = new TaxiiQuery("urn:example:query", "<q xmlns=\"urn:example\"/>"),
        }), Ct);
        var badModule = () => Client().PollAsync(app.Address(Poll), PollOf(collection.Name, parameters: new PollParameters
        {
            Query = new TaxiiQuery(QueryFormatIds.DefaultQuery10, DefaultQueryXml.ToXml(unknownModule)),
        }), Ct);

        var unsupported = (await otherFormat.Should().ThrowAsync<TaxiiStatusException>()).Which;
        unsupported.Status.Should().Be(StatusType.UnsupportedQuery);
        unsupported.Details.Should().Equal(new StatusDetail(StatusDetailNames.SupportedQuery, QueryFormatIds.DefaultQuery10));
        var module = (await badModule.Should().ThrowAsync<TaxiiStatusException>()).Which;
        module.Status.Should().Be(StatusType.UnsupportedCapabilityModule);
        module.Details.Should().Contain(new StatusDetail(StatusDetailNames.CapabilityModule, CapabilityModules.Core));
    }

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task Unknown_and_forbidden_collections_are_NOT_FOUND_alike(TaxiiVersion version)
    {
        var user = await app.CreateUserAsync($"outsider-{version}", Password);
        var forbidden = await app.AddCollectionAsync($"forbidden-{version}");
        await app.GrantAsync(user, forbidden, read: false, write: true);

        foreach (var name in new[] { "no-such-collection", forbidden.Name })
        {
            var poll = () => app.CreateTaxiiClient(version, user.Name, Password).PollAsync(app.Address(Poll), PollOf(name), Ct);

            var refusal = (await poll.Should().ThrowAsync<TaxiiStatusException>()).Which;
            refusal.Status.Should().Be(StatusType.NotFound);
            if (version == TaxiiVersion.V11)
            {
                refusal.Details.Should().Equal(new StatusDetail(StatusDetailNames.Item, name));
            }
        }
    }

    [Fact]
    public async Task Group_read_rights_decide_who_may_poll()
    {
        var collection = await app.AddCollectionAsync("read-rights");
        var reader = await app.CreateUserAsync("can-read-poll", Password);
        await app.GrantAsync(reader, collection, read: true, write: false);
        await Send(collection, XmlBlock("<a/>"));

        var response = await app.CreateTaxiiClient(TaxiiVersion.V11, reader.Name, Password).PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);

        response.ContentBlocks.Should().ContainSingle();
    }

    [Fact]
    public async Task Without_credentials_the_poll_is_UNAUTHORIZED()
    {
        var poll = () => app.CreateTaxiiClient().PollAsync(app.Address(Poll), PollOf("default"), Ct);

        (await poll.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.Unauthorized);
    }

    [Fact]
    public async Task A_data_set_ignores_windows_in_1_1_and_is_refused_clearly_in_1_0()
    {
        var collection = await app.AddCollectionAsync("data-set", type: CollectionType.DataSet);
        await Send(collection, XmlBlock("<a/>"));

        var v11 = await Client().PollAsync(app.Address(Poll), PollOf(collection.Name, begin: DateTimeOffset.UtcNow.AddDays(1)), Ct);
        var v10 = () => Client(TaxiiVersion.V10).PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);

        v11.ContentBlocks.Should().ContainSingle();
        v11.Header.ExclusiveBeginTimestamp.Should().BeNull();
        v11.Header.InclusiveEndTimestamp.Should().BeNull();
        var refusal = (await v10.Should().ThrowAsync<TaxiiStatusException>()).Which;
        refusal.Status.Should().Be(StatusType.NotFound);
        refusal.PeerMessage.Should().Contain("data set");
    }

    [Fact]
    public async Task A_subscription_poll_uses_the_subscriptions_parameters_and_an_unknown_one_is_NOT_FOUND()
    {
        var collection = await app.AddCollectionAsync("subscribed");
        await Send(collection, XmlBlock("<a/>"), TextBlock("json"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var service = db.Services.Single(s => s.Path == "/taxii-collection-management-service/");
            db.Subscriptions.Add(new Subscription
            {
                Id = "urn:example:subscription:1",
                CollectionId = collection.Id,
                ServiceId = service.Id,
                UserId = app.Analyst.Id,
                ProtocolVersion = "1.1",
                Status = Core.Collections.SubscriptionStatus.Paused,
                ContentBindings = [Json],
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }

        var response = await Client().PollAsync(app.Address(Poll),
            new PollRequest(MessageIds.New(), collection.Name) { SubscriptionId = "urn:example:subscription:1" }, Ct);
        var unknown = () => Client().PollAsync(app.Address(Poll),
            new PollRequest(MessageIds.New(), collection.Name) { SubscriptionId = "urn:example:subscription:2" }, Ct);

        response.Header.SubscriptionId.Should().Be("urn:example:subscription:1");
        response.ContentBlocks.Should().ContainSingle().Which.Content.Value.Should().Be("json");
        (await unknown.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.NotFound);
    }

    [Fact]
    public async Task A_changed_password_takes_effect_at_once_although_verified_passwords_are_remembered()
    {
        var user = await app.CreateUserAsync("changes-password", Password);
        var collection = await app.AddCollectionAsync("password-change");
        await app.GrantAsync(user, collection, read: true, write: false);
        await app.CreateTaxiiClient(TaxiiVersion.V11, user.Name, Password).PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id, Ct);
            stored.PasswordHash = scope.ServiceProvider.GetRequiredService<PasswordHashing>().Hash(stored, "the new password");
            await db.SaveChangesAsync(Ct);
        }

        var oldPassword = () => app.CreateTaxiiClient(TaxiiVersion.V11, user.Name, Password).PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);

        (await oldPassword.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.Unauthorized);
        (await app.CreateTaxiiClient(TaxiiVersion.V11, user.Name, "the new password").PollAsync(app.Address(Poll), PollOf(collection.Name), Ct))
            .ContentBlocks.Should().BeEmpty();
    }

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task Stored_content_is_sent_exactly_as_stored(TaxiiVersion version)
    {
        var collection = await app.AddCollectionAsync($"exact-{version}", bindings: [Stix12, Json]);
        const string Xml = "<r:root xmlns:r=\"urn:r\"><!-- kept --><r:a x=\"&lt;1&gt;\">caf\u00e9 \u4e2d \U0001F600 &amp; &lt;</r:a><![CDATA[<x> & ]]></r:root>";
        const string Text = "{\"json\": \"<&> caf\u00e9\"}";
        await Send(collection, XmlBlock(Xml), TextBlock(Text));
        var stored = new List<byte[]>();
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = new Npgsql.NpgsqlCommand($"SELECT content FROM content_blocks WHERE collection_id = {collection.Id} ORDER BY id", connection);
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                stored.Add(reader.GetFieldValue<byte[]>(0));
            }
        }

        using var http = app.CreateClient(app.Analyst.Name, Password);
        using var body = new MemoryStream();
        await Protocol.Xml.TaxiiMessageWriter.WriteAsync(body, PollOf(collection.Name), version, Ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, app.Address(Poll)) { Content = new ByteArrayContent(body.ToArray()) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        request.Headers.Add(Protocol.Http.TaxiiHttpHeaders.ContentType, version == TaxiiVersion.V11 ? MessageBindingIds.Xml11 : MessageBindingIds.Xml10);
        request.Headers.Add(Protocol.Http.TaxiiHttpHeaders.Services, version == TaxiiVersion.V11 ? ServicesIds.V11 : ServicesIds.V10);
        request.Headers.Add(Protocol.Http.TaxiiHttpHeaders.Protocol, ProtocolBindingIds.Http10);
        using var response = await http.SendAsync(request, Ct);
        var document = await response.Content.ReadAsStringAsync(Ct);

        stored.Should().HaveCount(2);
        // the XML block's stored bytes are in the answer verbatim; the text block comes back exactly, escaped
        document.Should().Contain(System.Text.Encoding.UTF8.GetString(stored[0]));
        var polled = await Client(version).PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);
        polled.ContentBlocks.Select(b => b.Content).Should().Equal(TaxiiContent.FromXml(Xml), TaxiiContent.FromText(Text));
        System.Text.Encoding.UTF8.GetString(stored[1]).Should().Be(Text);
    }

    [Fact]
    public async Task TAXII_1_0_polls_of_a_collection_that_takes_anything_get_only_the_STIX_bindings_it_advertises()
    {
        var collection = await app.AddCollectionAsync("any-content");
        await Send(collection, XmlBlock("<a/>"), TextBlock("{}"), XmlBlock("<cap/>", ContentBindingIds.Cap12), XmlBlock("<b/>", ContentBindingIds.Stix111));

        var all = await Client(TaxiiVersion.V10).PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);
        var filtered = await Client(TaxiiVersion.V10).PollAsync(app.Address(Poll),
            PollOf(collection.Name, parameters: new PollParameters { ContentBindings = [new ContentBinding(Stix12), new ContentBinding(Json)] }), Ct);
        var json = () => Client(TaxiiVersion.V10).PollAsync(app.Address(Poll),
            PollOf(collection.Name, parameters: new PollParameters { ContentBindings = [new ContentBinding(Json)] }), Ct);
        var inV11 = await Client().PollAsync(app.Address(Poll), PollOf(collection.Name), Ct);

        all.ContentBlocks.Select(b => b.Binding.BindingId).Should().Equal(Stix12, ContentBindingIds.Stix111);
        filtered.ContentBlocks.Select(b => b.Binding.BindingId).Should().Equal(Stix12);
        var refusal = (await json.Should().ThrowAsync<TaxiiStatusException>()).Which;
        refusal.Status.Should().Be(StatusType.UnsupportedContent);
        refusal.Reply!.DetailText!.Split(' ').Should().BeEquivalentTo(CollectionContent.AnyInV10);
        inV11.ContentBlocks.Should().HaveCount(4, "in 1.1 the collection serves everything it holds");
    }

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task A_window_that_ends_before_it_begins_is_BAD_MESSAGE_in_response_to_the_poll(TaxiiVersion version)
    {
        var ns = version == TaxiiVersion.V11 ? "taxii_xml_binding-1.1" : "taxii_xml_binding-1";
        var (collection, parameters) = version == TaxiiVersion.V11 ? ("collection_name", "<t:Poll_Parameters/>") : ("feed_name", "");
        var body = $"<t:Poll_Request xmlns:t=\"http://taxii.mitre.org/messages/{ns}\" message_id=\"4711\" {collection}=\"default\">"
            + "<t:Exclusive_Begin_Timestamp>2014-01-02T00:00:00Z</t:Exclusive_Begin_Timestamp>"
            + $"<t:Inclusive_End_Timestamp>2014-01-01T00:00:00Z</t:Inclusive_End_Timestamp>{parameters}</t:Poll_Request>";
        using var http = app.CreateClient(app.Analyst.Name, Password);
        using var request = Security.RawTaxii.Request(Poll, System.Text.Encoding.UTF8.GetBytes(body), version);

        using var response = await http.SendAsync(request, Ct);

        var (message, problem) = await Security.RawTaxii.ReadAsync(response, Ct);
        problem.Should().BeNull();
        var status = message.Should().BeOfType<StatusMessage>().Subject;
        status.Status.Should().Be(StatusType.BadMessage);
        status.Message.Should().Contain("not later than Exclusive_Begin_Timestamp");
        status.InResponseTo.Should().Be("4711");
    }

    private async Task WaitForAppendInFlightAsync(Collection collection)
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND mode = 'ShareLock' AND granted AND objid = {collection.Id}", connection);
        for (var i = 0; i < 200 && (long)(await command.ExecuteScalarAsync(Ct))! == 0; i++)
        {
            await Task.Delay(50, Ct);
        }
    }

    private async Task Send(Collection collection, params ContentBlock[] blocks) =>
        await Client().InboxAsync(app.Address(Inbox), Message(blocks, collection.Name), Ct);

    private TaxiiClient Client(TaxiiVersion version = TaxiiVersion.V11) => app.CreateTaxiiClient(version, app.Analyst.Name, Password);
}
