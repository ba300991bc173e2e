using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Taxii.Core.Collections;
using Taxii.Feeds.Jobs;
using Taxii.Feeds.Subscriptions;
using Taxii.Persistence;
using Taxii.Protocol.Messages;
using Taxii.Server.Tests.Admin;
using Taxii.Server.Tests.Feeds;
using Taxii.Testing;
using static Taxii.Server.Tests.Taxii.Subscriptions;
using CollectionType = Taxii.Core.Collections.CollectionType;

namespace Taxii.Server.Tests.Taxii;

/// <summary>
/// Pushes carrying push credentials, set through the publisher's REST API: host A (the publisher) pushes to host B's
/// inboxes, which require HTTP basic, and to host C's, which require a registered client certificate over HTTPS. Three
/// real hosts over HTTP.
/// </summary>
public sealed class SubscriptionPushCredentialTests(
    SubscriptionPushCredentialTests.Publisher a, SubscriptionPushCredentialTests.BasicReceiver b, SubscriptionPushCredentialTests.CertificateReceiver c)
    : IClassFixture<SubscriptionPushCredentialTests.Publisher>, IClassFixture<SubscriptionPushCredentialTests.BasicReceiver>,
      IClassFixture<SubscriptionPushCredentialTests.CertificateReceiver>
{
    private const string Password = "credential subscriber password";
    private const string CertificatePassword = "p12-for-pushes-Pa55";
    private static readonly string[] Names = ["basic", "none", "longest", "cert", "proxied"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Publisher : TaxiiAppFactory
    {
        // no job server: the tests run the deliveries themselves; everything down to Debug is logged, so that a secret
        // that slipped into a log line would be seen
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Jobs:RunServer"] = "false",
            ["Taxii:Subscriptions:PushAllowedNetworks:0"] = "127.0.0.0/8",
            ["Serilog:MinimumLevel:Default"] = "Debug",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Debug",
            ["Serilog:MinimumLevel:Override:System.Net.Http"] = "Debug",
        };

        protected override async Task SeedAsync()
        {
            await CreateUserAsync(AdminApiFactory.AdminName, AdminApiFactory.Password, admin: true);
            var subscriber = await CreateUserAsync("subscriber", Password);
            foreach (var name in Names)
            {
                await TestData.AddCollectionAsync(this, $"feed-{name}", CollectionType.DataFeed, [], Cm);
            }

            await TestData.GrantAsync(this, subscriber, read: true, write: false, [.. Names.Select(n => $"feed-{n}")]);
        }
    }

    public sealed class BasicReceiver() : AuthenticatedInboxes(Names);

    public sealed class CertificateReceiver() : AuthenticatedInboxes(["cert"], TestCertificates.Create("CN=" + Pusher));

    [Fact]
    public async Task A_push_presents_the_basic_credentials_of_its_address_prefix()
    {
        await CreateAsync(new { addressPrefix = b.Address("/inbox-basic/"), username = AuthenticatedInboxes.Pusher, password = AuthenticatedInboxes.Password, allowPlainHttp = true });
        var id = await SubscribeAsync("basic", b.Address("/inbox-basic/"));
        await TestData.AddBlocksAsync(a, "feed-basic", ContentBindingIds.Stix12, "<one>1</one>", "<two>2</two>");

        (await DeliverAsync(id)).Should().Be(2);

        (await TestData.ContentsAsync(b, "received-basic")).Should().Equal("<one>1</one>", "<two>2</two>");
        NoSecretLogged();
    }

    [Fact]
    public async Task Without_matching_credentials_a_push_is_UNAUTHORIZED_and_its_window_waits_for_them()
    {
        var id = await SubscribeAsync("none", b.Address("/inbox-none/"));
        await TestData.AddBlocksAsync(a, "feed-none", ContentBindingIds.Stix12, "<waiting>w</waiting>");

        var anonymous = async () => await DeliverAsync(id);

        (await anonymous.Should().ThrowAsync<SubscriptionDeliveryException>()).Which.Reason.Should().Contain("UNAUTHORIZED").And.Contain("without credentials");
        (await FailedDeliveryAsync(id)).LastError.Should().Contain("UNAUTHORIZED");

        // added later: the next push presents them and sends the window that waited
        var credential = await CreateAsync(new { addressPrefix = b.Address("/inbox-none/"), username = AuthenticatedInboxes.Pusher, password = AuthenticatedInboxes.Password, allowPlainHttp = true });
        (await DeliverAsync(id)).Should().Be(1);
        (await TestData.ContentsAsync(b, "received-none")).Should().Equal("<waiting>w</waiting>");

        // deleted while the subscription still points there: pushes go without them again, and content waits
        using (var deleted = await Api.Client.DeleteAsync($"/api/v1/push-credentials/{credential}", Ct))
        {
            deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        await TestData.AddBlocksAsync(a, "feed-none", ContentBindingIds.Stix12, "<after>a</after>");
        var afterDelete = async () => await DeliverAsync(id);
        (await afterDelete.Should().ThrowAsync<SubscriptionDeliveryException>()).Which.Reason.Should().Contain("UNAUTHORIZED").And.Contain("without credentials");
        (await TestData.ContentsAsync(b, "received-none")).Should().HaveCount(1);
    }

    [Fact]
    public async Task The_longest_matching_prefix_wins()
    {
        var shorter = await CreateAsync(new { addressPrefix = b.Address("/inbox-long"), username = AuthenticatedInboxes.Pusher, password = "not the password", allowPlainHttp = true });
        var id = await SubscribeAsync("longest", b.Address("/inbox-longest/"));
        await TestData.AddBlocksAsync(a, "feed-longest", ContentBindingIds.Stix12, "<longest>l</longest>");

        var refused = async () => await DeliverAsync(id);

        (await refused.Should().ThrowAsync<SubscriptionDeliveryException>()).Which.Reason.Should().Contain("UNAUTHORIZED").And.Contain($"push credentials {shorter} ");
        await CreateAsync(new { addressPrefix = b.Address("/inbox-longest/"), username = AuthenticatedInboxes.Pusher, password = AuthenticatedInboxes.Password, allowPlainHttp = true });
        (await DeliverAsync(id)).Should().Be(1);
        (await TestData.ContentsAsync(b, "received-longest")).Should().Equal("<longest>l</longest>");
    }

    [Fact]
    public async Task A_push_presents_the_client_certificate_of_its_address_prefix_over_HTTPS()
    {
        c.Address("/").Scheme.Should().Be(Uri.UriSchemeHttps);
        var certificate = Convert.ToBase64String(c.Certificate!.Export(X509ContentType.Pkcs12, CertificatePassword));
        var prefix = c.Address("/inbox-cert/");
        var credential = await CreateAsync(new { addressPrefix = prefix, clientCertificate = certificate, clientCertificatePassword = CertificatePassword });
        var id = await SubscribeAsync("cert", prefix);
        await TestData.AddBlocksAsync(a, "feed-cert", ContentBindingIds.Stix12, "<by-certificate>c</by-certificate>");

        // verifyTls is on by default, and C's server certificate is self-signed
        var untrusted = async () => await DeliverAsync(id);
        (await untrusted.Should().ThrowAsync<SubscriptionDeliveryException>()).Which.Reason.Should().Contain("TLS handshake");

        // the certificate left out of the update: kept
        using (var updated = await Api.Client.PutAsync($"/api/v1/push-credentials/{credential}", FeedApi.Json(JsonSerializer.Serialize(new { addressPrefix = prefix, verifyTls = false })), Ct))
        {
            updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync(Ct));
            (await updated.Content.ReadAsStringAsync(Ct)).Should().Contain("\"hasClientCertificate\":true");
        }

        (await DeliverAsync(id)).Should().Be(1);
        (await TestData.ContentsAsync(c, "received-cert")).Should().Equal("<by-certificate>c</by-certificate>");
        NoSecretLogged(CertificatePassword, certificate[..40]);
    }

    [Fact]
    public async Task An_inbox_answering_a_bare_HTTP_401_fails_the_delivery_naming_the_credentials_presented()
    {
        // a reverse proxy in front of an inbox, refusing with 401 and no TAXII message, as nginx's auth_basic does
        var presented = new List<string?>();
        await using var proxy = await RefusingProxy.StartAsync(presented, Ct);
        var credential = await CreateAsync(new { addressPrefix = proxy.Address, username = AuthenticatedInboxes.Pusher, password = "a password the proxy refuses", allowPlainHttp = true });
        var id = await SubscribeAsync("proxied", proxy.Address);
        await TestData.AddBlocksAsync(a, "feed-proxied", ContentBindingIds.Stix12, "<refused>r</refused>");

        var refused = async () => await DeliverAsync(id);

        var reason = (await refused.Should().ThrowAsync<SubscriptionDeliveryException>()).Which.Reason;
        reason.Should().Be($"The inbox answered UNAUTHORIZED (HTTP 401): no TAXII message, only the HTTP status; pushed with push credentials {credential} ({proxy.Address})");
        (await FailedDeliveryAsync(id)).LastError.Should().Be(reason, "the delivery's record says why, as the exception does");
        presented.Should().ContainSingle().Which.Should().Be(
            "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AuthenticatedInboxes.Pusher}:a password the proxy refuses")),
            "the credentials went on the wire, as HTTP basic");
        NoSecretLogged("a password the proxy refuses");
    }

    private FeedApi Api => new(a.CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password));

    /// <summary>Creates push credentials on A through its API and returns their id.</summary>
    private async Task<int> CreateAsync(object body) =>
        (await Api.PostAsync("/api/v1/push-credentials", JsonSerializer.Serialize(body), HttpStatusCode.Created)).GetProperty("id").GetInt32();

    private async Task<string> SubscribeAsync(string name, Uri inbox)
    {
        var binding = inbox.Scheme == Uri.UriSchemeHttps ? ProtocolBindingIds.Https10 : ProtocolBindingIds.Http10;
        var push = new PushParameters(binding, inbox.ToString(), MessageBindingIds.Xml11);
        var response = await a.CreateTaxiiClient(TaxiiVersion.V11, "subscriber", Password).ManageSubscriptionAsync(a.Address(Cm), Subscribe($"feed-{name}", push: push), Ct);
        return response.Subscriptions.Single().SubscriptionId;
    }

    private async Task<long> DeliverAsync(string id)
    {
        await using var scope = a.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SubscriptionDeliveryJob>().DeliverAsync(id, Ct);
    }

    private async Task<SubscriptionDelivery> FailedDeliveryAsync(string id)
    {
        await using var scope = a.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().SubscriptionDeliveries.AsNoTracking()
            .SingleAsync(d => d.SubscriptionId == id && d.Status == DeliveryStatus.Failed, Ct);
    }

    private void NoSecretLogged(params string[] more)
    {
        var lines = a.Logs.Lines();
        lines.Should().Contain(l => l.Contains("push-credentials", StringComparison.Ordinal), "the scan sees the requests it is about");
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AuthenticatedInboxes.Pusher}:{AuthenticatedInboxes.Password}"));
        foreach (var secret in more.Append(AuthenticatedInboxes.Password).Append(basic))
        {
            lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).Should().BeEmpty("'{0}' is a secret", secret);
        }
    }

    /// <summary>An HTTP server on loopback that answers every request 401 with a Basic challenge, noting the Authorization it got.</summary>
    private sealed class RefusingProxy(WebApplication app, Uri address) : IAsyncDisposable
    {
        public Uri Address { get; } = address;

        public static async Task<RefusingProxy> StartAsync(List<string?> presented, CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.Run(context =>
            {
                lock (presented)
                {
                    presented.Add(context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null);
                }

                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"inbox\"";
                return Task.CompletedTask;
            });
            await app.StartAsync(cancellationToken);
            return new RefusingProxy(app, new Uri(new Uri(app.Urls.First()), "/inbox-proxied/"));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }
}
