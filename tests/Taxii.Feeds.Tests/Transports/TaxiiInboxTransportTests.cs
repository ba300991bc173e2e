using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;
using Taxii.Feeds.Transports;
using Taxii.Persistence;
using Taxii.Testing;
using ServiceType = Taxii.Core.Collections.ServiceType;

namespace Taxii.Feeds.Tests.Transports;

/// <summary>Host A's inbox transport pushes to host B's inbox services: two real hosts over HTTP.</summary>
public sealed class TaxiiInboxTransportTests(TaxiiInboxTransportTests.Sender a, TaxiiInboxTransportTests.Receiver b)
    : IClassFixture<TaxiiInboxTransportTests.Sender>, IClassFixture<TaxiiInboxTransportTests.Receiver>
{
    private const string Password = "inbox transport password";
    private const int Attempts = 3;

    public sealed class Sender : TaxiiAppFactory
    {
        // tiny delays: the retries are real, the test does not wait seconds for them
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Jobs:RunServer"] = "false",
            ["Taxii:OutgoingFeeds:PushAttempts"] = Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Taxii:OutgoingFeeds:PushRetryDelay"] = "00:00:00.050",
            ["Taxii:OutgoingFeeds:PushTimeout"] = "00:00:10",
        };
    }

    public sealed class Receiver : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Taxii:Jobs:RunServer"] = "false" };

        protected override async Task SeedAsync()
        {
            var feeder = await CreateUserAsync("feeder", Password);
            await this.AddServiceAsync(ServiceType.Inbox, "/inbox-v11/", "incoming", "other");
            await this.AddServiceAsync(ServiceType.Inbox, "/inbox-v10/", "incoming-v10");
            await this.GrantAsync(feeder, "incoming", "other", "incoming-v10");
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Packages_arrive_in_the_destination_collection_with_basic_auth()
    {
        const string json = "{\"title\": \"<&> ü\"}";
        var delivery = Delivery(Settings("incoming", Password));

        await DeliverAsync(delivery, Deliveries.Json(1, json), Deliveries.Stix(2, "<?xml version=\"1.0\"?>\n<s:Package xmlns:s=\"urn:s\"><s:Title>t</s:Title></s:Package>"));

        var received = await ReceivedAsync("incoming");
        received.Select(r => r.Binding).Should().Equal("urn:eclecticiq.com:json:1.0", "urn:stix.mitre.org:xml:1.2");
        received[0].Content.Should().Be(json);
        received[1].Content.Should().Be("<s:Package xmlns:s=\"urn:s\"><s:Title>t</s:Title></s:Package>", "the receiving inbox stores content as sent");
        (await ReceivedAsync("other")).Should().BeEmpty("only the destination collection gets it");
    }

    [Fact]
    public async Task TAXII_1_0_pushes_without_a_destination_and_refuses_to_name_one()
    {
        var settings = Settings(destination: null, Password, "/inbox-v10/");
        settings.TaxiiVersion = "1.0";

        await DeliverAsync(Delivery(settings), Deliveries.Stix(1, "<old-style/>"));
        settings.DestinationCollection = "incoming-v10";
        var begin = () => DeliverAsync(Delivery(settings), Deliveries.Stix(1, "<never/>"));

        (await ReceivedAsync("incoming-v10")).Select(r => r.Content).Should().Equal("<old-style/>");
        (await begin.Should().ThrowAsync<FeedDeliveryException>()).Which.Message.Should().Contain("TAXII 1.0 inbox message cannot name a destination collection");
    }

    [Fact]
    public async Task A_wrong_password_fails_naming_UNAUTHORIZED_and_never_the_password()
    {
        var push = () => DeliverAsync(Delivery(Settings("incoming", "not the password")), Deliveries.Json(1, "{}"));

        var error = (await push.Should().ThrowAsync<FeedDeliveryException>()).Which.Message;
        error.Should().StartWith("Package 1: remote inbox answered UNAUTHORIZED: ");
        error.Should().NotContain("not the password");
    }

    [Fact]
    public async Task An_unknown_destination_fails_naming_the_status_and_the_collection()
    {
        var push = () => DeliverAsync(Delivery(Settings("no-such-collection", Password)), Deliveries.Json(1, "{}"));

        (await push.Should().ThrowAsync<FeedDeliveryException>()).Which.Message.Should()
            .StartWith("Package 1: remote inbox answered NOT_FOUND: ").And.Contain("ITEM=no-such-collection");
    }

    [Fact]
    public async Task An_inbox_that_is_down_is_tried_again_then_fails_clearly_in_bounded_time()
    {
        var settings = Settings("incoming", Password);
        settings.InboxUrl = $"http://127.0.0.1:{ClosedPort()}/inbox-v11/";
        var clock = Stopwatch.StartNew();

        var push = () => DeliverAsync(Delivery(settings), Deliveries.Json(1, "{}"));

        var error = (await push.Should().ThrowAsync<FeedDeliveryException>()).Which.Message;
        error.Should().StartWith($"Package 1: remote inbox {settings.InboxUrl} could not be reached (").And.EndWith($"; gave up after {Attempts} attempts.");
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50 + 100), "it waited between attempts").And.BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(503, Attempts, "Package 1: remote inbox answered HTTP 503 (FAILURE) without a TAXII message; gave up after 3 attempts.")]
    [InlineData(401, 1, "Package 1: remote inbox answered HTTP 401 (UNAUTHORIZED): the user name, password or client certificate was refused")]
    public async Task HTTP_errors_are_retried_only_when_they_may_pass(int status, int expectedRequests, string expectedError)
    {
        var requests = 0;
        await using var peer = await PlainHttpPeerAsync(status, () => Interlocked.Increment(ref requests));
        var settings = Settings("incoming", Password);
        settings.InboxUrl = peer.Urls.Single() + "/inbox/";

        var push = () => DeliverAsync(Delivery(settings), Deliveries.Json(1, "{}"));

        (await push.Should().ThrowAsync<FeedDeliveryException>()).Which.Message.Should().Be(expectedError);
        requests.Should().Be(expectedRequests);
    }

    [Fact]
    public async Task A_secret_the_keys_cannot_open_fails_at_the_start()
    {
        var settings = Settings("incoming", Password);
        settings.ProtectedPassword = "CfDJ8-not-a-protected-value";

        var push = () => DeliverAsync(Delivery(settings), Deliveries.Json(1, "{}"));

        (await push.Should().ThrowAsync<FeedDeliveryException>()).Which.Message.Should().StartWith("The stored secret cannot be decrypted");
    }

    private static OutgoingDelivery Delivery(OutgoingTransportSettings settings) => Deliveries.For(OutgoingTransportType.TaxiiInbox, settings);

    private OutgoingTransportSettings Settings(string? destination, string password, string inbox = "/inbox-v11/") => new()
    {
        InboxUrl = b.Address(inbox).ToString(),
        DestinationCollection = destination,
        TaxiiVersion = "1.1",
        Username = "feeder",
        ProtectedPassword = a.Services.GetRequiredService<FeedSecrets>().Protect(password),
    };

    /// <summary>One run as the engine makes it: a scope, BeginAsync, the packages in order, the scope's end.</summary>
    private async Task DeliverAsync(OutgoingDelivery delivery, params FeedPackage[] packages)
    {
        await using var scope = a.Services.CreateAsyncScope();
        var transport = scope.ServiceProvider.GetRequiredService<OutgoingTransports>().For(OutgoingTransportType.TaxiiInbox);
        await transport.BeginAsync(delivery, Ct);
        foreach (var package in packages)
        {
            await transport.DeliverAsync(delivery, package, Ct);
        }
    }

    private async Task<List<(string Binding, string Content)>> ReceivedAsync(string collection)
    {
        await using var scope = b.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var blocks = await db.ContentBlocks.Where(x => db.Collections.Any(c => c.Id == x.CollectionId && c.Name == collection))
            .OrderBy(x => x.Id).Select(x => new { x.ContentBinding, x.Content }).ToListAsync(Ct);
        return [.. blocks.Select(x => (x.ContentBinding, Encoding.UTF8.GetString(x.Content)))];
    }

    /// <summary>A real HTTP server that is no TAXII service: it answers every request with <paramref name="status"/> and no body.</summary>
    private static async Task<WebApplication> PlainHttpPeerAsync(int status, Action onRequest)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var peer = builder.Build();
        peer.Run(context =>
        {
            onRequest();
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        await peer.StartAsync(Ct);
        return peer;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
