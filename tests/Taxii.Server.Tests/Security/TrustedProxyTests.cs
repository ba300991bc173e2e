using System.Net;
using FluentAssertions;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Taxii.Server.Tests.Taxii;
using Taxii.Testing;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// Behind a reverse proxy listed in <c>Taxii:TrustedProxies</c>, failed logins are counted per client named in
/// X-Forwarded-For, so one client's guesses do not block the others behind the same proxy; from an address that is
/// not a trusted proxy the header is ignored (BruteForceTests shows it cannot be used to dodge the count). Likewise
/// X-Forwarded-Proto: a trusted TLS-terminating proxy's https makes TAXII answer in the HTTPS binding; anyone else's is
/// ignored.
/// </summary>
public sealed class TrustedProxyTests(TrustedProxyTests.Factory app) : IClassFixture<TrustedProxyTests.Factory>
{
    private const string Password = "trusted proxy password";
    private const string Proxy = "127.0.0.51";
    private const int PerUser = 2;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Factory : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Auth:MaxFailedLoginsPerUser"] = PerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Taxii:Auth:MaxFailedLoginsPerAddress"] = "1000",
            ["Taxii:TrustedProxies:0"] = Proxy,
        };

        protected override Task SeedAsync() => CreateUserAsync("grace", Password);
    }

    [Fact]
    public async Task Clients_behind_a_trusted_proxy_are_counted_by_their_forwarded_address()
    {
        for (var i = 0; i < PerUser; i++)
        {
            (await MeAsync(Proxy, "203.0.113.10", "guess " + i)).Should().Be(HttpStatusCode.Unauthorized);
        }

        (await MeAsync(Proxy, "203.0.113.10", Password)).Should().Be(HttpStatusCode.TooManyRequests, "the guessing client is blocked");
        (await MeAsync(Proxy, "203.0.113.11", Password)).Should().Be(HttpStatusCode.OK, "another client behind the same proxy is not");
        (await MeAsync(Proxy, "198.51.100.1, 203.0.113.10", Password)).Should().Be(HttpStatusCode.TooManyRequests,
            "the address the trusted proxy saw is the client's, whatever the client put before it");
    }

    [Fact]
    public async Task An_untrusted_sender_s_forwarded_address_is_ignored()
    {
        for (var i = 0; i < PerUser; i++)
        {
            (await MeAsync("127.0.0.52", $"192.0.2.{i}", "guess " + i)).Should().Be(HttpStatusCode.Unauthorized);
        }

        (await MeAsync("127.0.0.52", "192.0.2.99", Password)).Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_trusted_proxy_s_X_Forwarded_Proto_https_makes_discovery_advertise_the_HTTPS_binding()
    {
        var (protocol, body) = await DiscoverAsync(Proxy, ProtocolBindingIds.Https10);

        protocol.Should().Be(ProtocolBindingIds.Https10);
        body.Should().Contain($"<taxii_11:Protocol_Binding>{ProtocolBindingIds.Https10}</taxii_11:Protocol_Binding>");
        body.Should().Contain("<taxii_11:Address>https://").And.NotContain("http://127.");
    }

    [Fact]
    public async Task An_untrusted_sender_s_X_Forwarded_Proto_is_ignored()
    {
        var (protocol, body) = await DiscoverAsync("127.0.0.52", ProtocolBindingIds.Http10);

        protocol.Should().Be(ProtocolBindingIds.Http10);
        body.Should().Contain($"<taxii_11:Protocol_Binding>{ProtocolBindingIds.Http10}</taxii_11:Protocol_Binding>");
        body.Should().Contain("<taxii_11:Address>http://").And.NotContain("https://");
    }

    /// <summary>A discovery request over plain HTTP from <paramref name="source"/> saying the client used https.</summary>
    private async Task<(string Protocol, string Body)> DiscoverAsync(string source, string protocolHeader)
    {
        using var request = DiscoveryTests.Request("/taxii-discovery-service/", TaxiiVersion.V11, protocolHeader);
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await AccessClients.From(app, source, inner: new SchemaCheckingHandler()).SendAsync(request, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.Should().Contain("Discovery_Response", "the request was accepted in the binding it named");
        return (response.Headers.GetValues(TaxiiHttpHeaders.Protocol).Single(), body);
    }

    private async Task<HttpStatusCode> MeAsync(string source, string forwardedFor, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me") { Headers = { Authorization = AccessClients.Basic("grace", password) } };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await AccessClients.From(app, source).SendAsync(request, Ct);
        return response.StatusCode;
    }
}
