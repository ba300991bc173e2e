using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Taxii.Server.Tests.Admin;
using Taxii.Server.Tests.Feeds;
using Taxii.Server.Tests.Taxii;
using Taxii.Testing;
using Taxii.Testing.Peers;

namespace Taxii.Server.Tests.Interop;

/// <summary>
/// Taxii and a real OpenTAXII 0.10 exchanging STIX 1.2 both ways: a Taxii incoming TAXII-poll feed polling an
/// OpenTAXII collection run after run, a Taxii outgoing TAXII-inbox feed and Taxii subscriptions (anonymous, and with
/// push credentials) pushing into OpenTAXII's inboxes, and cabby copying a Taxii collection into OpenTAXII. What OpenTAXII stored is read back with
/// cabby (OpenTAXII answers SUCCESS even to content it drops, so its answer alone proves nothing).
/// </summary>
public sealed class OpenTaxiiTests(OpenTaxiiTests.Peer peer, OpenTaxiiTests.Host app)
    : IClassFixture<OpenTaxiiTests.Peer>, IClassFixture<OpenTaxiiTests.Host>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// OpenTAXII with a collection per test, an inbox open to anonymous pushes and one requiring HTTP basic; both take
    /// messages naming no destination collection, as subscription pushes name none.
    /// </summary>
    public sealed class Peer : IAsyncLifetime
    {
        private const string Configuration = """
            services:
              - id: discovery
                type: discovery
                address: /services/discovery
                advertised_services: [discovery, collection-management, inbox, poll]
                protocol_bindings: [urn:taxii.mitre.org:protocol:http:1.0]
              - id: collection-management
                type: collection_management
                address: /services/collection-management
                authentication_required: yes
                protocol_bindings: [urn:taxii.mitre.org:protocol:http:1.0]
              - id: inbox
                type: inbox
                address: /services/inbox
                destination_collection_required: yes
                accept_all_content: yes
                authentication_required: yes
                protocol_bindings: [urn:taxii.mitre.org:protocol:http:1.0]
              - id: inbox-open
                type: inbox
                address: /services/inbox-open
                destination_collection_required: no
                accept_all_content: yes
                authentication_required: no
                protocol_bindings: [urn:taxii.mitre.org:protocol:http:1.0]
              - id: inbox-auth
                type: inbox
                address: /services/inbox-auth
                destination_collection_required: no
                accept_all_content: yes
                authentication_required: yes
                protocol_bindings: [urn:taxii.mitre.org:protocol:http:1.0]
              - id: poll
                type: poll
                address: /services/poll
                subscription_required: no
                authentication_required: yes
                protocol_bindings: [urn:taxii.mitre.org:protocol:http:1.0]
            collections:
              - {name: polled, type: DATA_FEED, available: true, accept_all_content: true, service_ids: [inbox, collection-management, poll]}
              - {name: published, type: DATA_FEED, available: true, accept_all_content: false, supported_content: [urn:stix.mitre.org:xml:1.2], service_ids: [inbox, collection-management, poll]}
              - {name: proxied, type: DATA_FEED, available: true, accept_all_content: true, service_ids: [inbox, collection-management, poll]}
              - {name: pushed, type: DATA_FEED, available: true, accept_all_content: true, service_ids: [inbox-open, collection-management, poll]}
              - {name: pushed-auth, type: DATA_FEED, available: true, accept_all_content: true, service_ids: [inbox-auth, collection-management, poll]}
            accounts:
              - username: bench
                password: bench-pass
                permissions: {polled: modify, published: modify, proxied: modify, pushed: modify, pushed-auth: modify}
            """;

        private readonly SemaphoreSlim _starting = new(1, 1);
        private OpenTaxiiServer? _server;

        public OpenTaxiiServer Server => _server ?? throw new InvalidOperationException("call StartAsync first");

        public string Discovery => Server.Address("/services/discovery").ToString();

        /// <summary>
        /// Starts OpenTAXII on the first call (later calls get the same server). Called by each test, not by the fixture:
        /// without the peers kit (a user's clone) the test skips here, where a skip is a skip.
        /// </summary>
        public async Task<OpenTaxiiServer> StartAsync()
        {
            await _starting.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                return _server ??= await OpenTaxiiServer.StartAsync(Configuration, TestContext.Current.CancellationToken);
            }
            finally
            {
                _starting.Release();
            }
        }

        public ValueTask InitializeAsync() => ValueTask.CompletedTask;

        public async ValueTask DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }

            _starting.Dispose();
        }

        /// <summary>A cabby command against this OpenTAXII as its user <c>bench</c>.</summary>
        public Task<CabbyRun> CabbyAsync(string command, params string[] arguments) =>
            Cabby.RunAsync(command, ["--discovery", Discovery, "--username", OpenTaxiiServer.User, "--password", OpenTaxiiServer.Password, .. arguments],
                cancellationToken: TestContext.Current.CancellationToken);

        public async Task PushAsync(string collection, string package)
        {
            var file = InteropStix.WriteFile(TempDirectory.Create("opentaxii-push"), "package", package);
            var push = await CabbyAsync("taxii-push", "--content-file", file, "--binding", ContentBindingIds.Stix12, "--dest", collection);
            push.Succeeded.Should().BeTrue(push.ToString());
        }

        /// <summary>Everything OpenTAXII holds in the collection, one text per block.</summary>
        public async Task<IReadOnlyList<string>> PollAsync(string collection)
        {
            var directory = TempDirectory.Create("opentaxii-poll");
            var poll = await CabbyAsync("taxii-poll", "-c", collection, "--dest-dir", directory);
            poll.Succeeded.Should().BeTrue(poll.ToString());
            return [.. Directory.GetFiles(directory).Select(File.ReadAllText)];
        }
    }

    /// <summary>A Taxii host whose subscription pushes may reach loopback, where OpenTAXII listens.</summary>
    public sealed class Host : CabbyHost
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Subscriptions:PushAllowedNetworks:0"] = "127.0.0.0/8",
        };

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            await CreateUserAsync(AdminApiFactory.AdminName, AdminApiFactory.Password, admin: true);
        }

        internal FeedApi Api() => new(CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password));
    }

    [Fact]
    public async Task An_incoming_poll_feed_takes_each_OpenTAXII_block_once_over_several_runs()
    {
        await peer.StartAsync();
        await peer.PushAsync("polled", InteropStix.Package("polled-1", "one.polled.example.org", "Polled one"));
        await peer.PushAsync("polled", InteropStix.Package("polled-2", "two.polled.example.org", "Polled two"));
        var api = app.Api();
        var dataset = await api.CreateDatasetAsync("from opentaxii");
        var feed = (await api.PostAsync("/api/v1/incoming-feeds", $$"""
            {"name":"opentaxii polled","datasetId":{{dataset}},"contentType":"stix-1.2",
             "transport":{"type":"taxii-poll","pollUrl":"{{peer.Server.Address("/services/poll")}}","collectionName":"polled",
                          "username":"{{OpenTaxiiServer.User}}","password":"{{OpenTaxiiServer.Password}}"} }
            """, HttpStatusCode.Created)).GetProperty("id").GetInt32();

        var first = await RunSucceededAsync(api, feed);
        first.GetProperty("packageCount").GetInt32().Should().Be(2, first.ToString());

        await peer.PushAsync("polled", InteropStix.Package("polled-3", "three.polled.example.org", "Polled three"));
        var second = await RunSucceededAsync(api, feed);
        second.GetProperty("packageCount").GetInt32().Should().Be(1, "only the block that arrived since: {0}", second);
        second.GetProperty("skippedPackageCount").GetInt32().Should().Be(0, "nothing is fetched twice: {0}", second);

        var third = await RunSucceededAsync(api, feed);
        third.GetProperty("packageCount").GetInt32().Should().Be(0, third.ToString());
        third.GetProperty("skippedPackageCount").GetInt32().Should().Be(0, "a run with nothing new fetches nothing: {0}", third);

        var entities = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{dataset}/entities?type=indicator&limit=100", Ct);
        entities.GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("title").GetString(), e.GetProperty("observables")[0].GetProperty("value").GetString()))
            .Should().BeEquivalentTo(new[]
            {
                ("Polled one", "one.polled.example.org"), ("Polled two", "two.polled.example.org"), ("Polled three", "three.polled.example.org"),
            });
    }

    [Fact]
    public async Task An_outgoing_inbox_feed_pushes_STIX_into_OpenTAXII_and_cabby_polls_it_back()
    {
        await peer.StartAsync();
        var api = app.Api();
        var dataset = await api.CreateDatasetAsync("to opentaxii");
        await api.AddEntitiesAsync(dataset, """
            [{"type":"indicator","title":"Published C2 domain","tlp":"green",
              "observables":[{"kind":"domain","value":"published.example.org","maliciousness":"high"}]}]
            """);
        var feed = await api.CreateFeedAsync($$"""
            {"name":"to opentaxii","datasetIds":[{{dataset}}],"contentType":"stix-1.2","updateStrategy":"append",
             "transport":{"type":"taxii-inbox","inboxUrl":"{{peer.Server.Address("/services/inbox")}}","destinationCollection":"published",
                          "username":"{{OpenTaxiiServer.User}}","password":"{{OpenTaxiiServer.Password}}"} }
            """);

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("succeeded", run.ToString());
        var polled = (await peer.PollAsync("published")).Should().ContainSingle("one package, stored by OpenTAXII").Subject;
        var package = InteropStix.Normalized(polled);
        package.Name.LocalName.Should().Be("STIX_Package");
        package.Descendants().Should().Contain(e => e.Name.LocalName == "Title" && e.Value == "Published C2 domain");
        package.Descendants().Should().Contain(e => e.Value == "published.example.org" && !e.HasElements);
    }

    [Fact]
    public async Task A_subscription_pushes_new_content_into_OpenTAXII()
    {
        await peer.StartAsync();
        var package = InteropStix.Package("pushed-1", "pushed.example.org", "Pushed by subscription");

        await SubscribeAndPublishAsync("outbound", peer.Server.Address("/services/inbox-open"), package);

        var received = await PolledWithinAsync("pushed", TimeSpan.FromSeconds(90));
        received.Should().ContainSingle("the subscription delivered the block into OpenTAXII's inbox")
            .Which.Should().Match(c => InteropStix.SameContent(c, package));
    }

    [Fact]
    public async Task A_subscription_pushes_with_push_credentials_into_an_OpenTAXII_inbox_requiring_authentication()
    {
        await peer.StartAsync();
        var inbox = peer.Server.Address("/services/inbox-auth");
        using var http = new HttpClient();
        var anonymous = () => new TaxiiClient(http, new TaxiiClientOptions()).InboxAsync(inbox, new InboxMessage(MessageIds.New()), Ct);
        (await anonymous.Should().ThrowAsync<TaxiiStatusException>("OpenTAXII's inbox refuses anonymous messages")).Which.Status.Should().Be(StatusType.Unauthorized);
        await app.Api().PostAsync("/api/v1/push-credentials", $$"""
            {"addressPrefix":"{{inbox}}","username":"{{OpenTaxiiServer.User}}","password":"{{OpenTaxiiServer.Password}}","allowPlainHttp":true}
            """, HttpStatusCode.Created);
        var package = InteropStix.Package("pushed-auth-1", "authenticated.example.org", "Pushed with credentials");

        await SubscribeAndPublishAsync("outbound-auth", inbox, package);

        var received = await PolledWithinAsync("pushed-auth", TimeSpan.FromSeconds(90));
        received.Should().ContainSingle("the subscription delivered the block into OpenTAXII's authenticated inbox")
            .Which.Should().Match(c => InteropStix.SameContent(c, package));
    }

    [Fact]
    public async Task Cabby_proxies_a_Taxii_collection_into_OpenTAXII()
    {
        await peer.StartAsync();
        await app.CollectionAsync("to-proxy");
        string[] packages =
        [
            InteropStix.Package("proxy-ot-1", "one.proxy.example.org", "Proxy one"),
            InteropStix.Package("proxy-ot-2", "two.proxy.example.org", "Proxy two"),
        ];
        foreach (var package in packages)
        {
            await TestData.AddBlocksAsync(app, "to-proxy", ContentBindingIds.Stix12, package);
        }

        var proxy = await Cabby.RunAsync("taxii-proxy",
        [
            "--poll-path", app.Address(TaxiiData.Poll).ToString(), "--poll-collection", "to-proxy",
            "--poll-username", CabbyHost.User, "--poll-password", CabbyHost.Password,
            "--inbox-path", peer.Server.Address("/services/inbox").ToString(), "--inbox-collection", "proxied",
            "--inbox-username", OpenTaxiiServer.User, "--inbox-password", OpenTaxiiServer.Password, "--binding", ContentBindingIds.Stix12,
        ], cancellationToken: Ct);

        proxy.Succeeded.Should().BeTrue(proxy.ToString());
        var received = await peer.PollAsync("proxied");
        received.Should().HaveCount(2);
        foreach (var package in packages)
        {
            received.Should().ContainSingle(c => InteropStix.SameContent(c, package));
        }
    }

    /// <summary>
    /// A new Taxii collection with a push subscription into <paramref name="inbox"/>, then <paramref name="package"/>
    /// published into that collection with cabby: content arriving is what queues the push.
    /// </summary>
    private async Task SubscribeAndPublishAsync(string collection, Uri inbox, string package)
    {
        await app.CollectionAsync(collection);
        var taxii = app.CreateTaxiiClient(TaxiiVersion.V11, CabbyHost.User, CabbyHost.Password);
        var subscribed = await taxii.ManageSubscriptionAsync(app.Address(CabbyHost.CollectionManagement),
            new SubscriptionManagementRequest(MessageIds.New(), SubscriptionAction.Subscribe, collection)
            {
                SubscriptionParameters = new SubscriptionParameters(),
                PushParameters = new PushParameters(ProtocolBindingIds.Http10, inbox.ToString(), MessageBindingIds.Xml11),
            }, Ct);
        subscribed.Subscriptions.Should().ContainSingle();

        var push = await app.CabbyAsync("taxii-push", "1.1", "--content-file",
            InteropStix.WriteFile(TempDirectory.Create(collection), "package", package), "--dest", collection);
        push.Succeeded.Should().BeTrue(push.ToString());
    }

    /// <summary>What OpenTAXII holds in the collection, polled with cabby until something is there or the time is up.</summary>
    private async Task<IReadOnlyList<string>> PolledWithinAsync(string collection, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        IReadOnlyList<string> received;
        while ((received = await peer.PollAsync(collection)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500, Ct);
        }

        return received;
    }

    private static async Task<JsonElement> RunSucceededAsync(FeedApi api, int feed)
    {
        var run = await api.RunIncomingAsync(feed);
        run.GetProperty("status").GetString().Should().Be("succeeded", run.ToString());
        return run;
    }
}
