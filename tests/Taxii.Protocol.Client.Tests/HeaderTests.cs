using System.Text;
using FluentAssertions;
using Taxii.Protocol.Messages;
using Xunit;

namespace Taxii.Protocol.Client.Tests;

public sealed class HeaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TaxiiVersion.V11, "urn:taxii.mitre.org:message:xml:1.1", "urn:taxii.mitre.org:services:1.1")]
    [InlineData(TaxiiVersion.V10, "urn:taxii.mitre.org:message:xml:1.0", "urn:taxii.mitre.org:services:1.0")]
    public async Task Requests_carry_the_HTTP_binding_headers_of_the_version(
        TaxiiVersion version, string messageBinding, string services)
    {
        await using var peer = await TaxiiPeer.StartAsync(
            x => x.ReplyAsync(new DiscoveryResponse(MessageIds.New(), x.Message.MessageId)), Ct);
        using var client = TestClient.Create(version);

        await client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        var request = peer.Received.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Header("Content-Type").Should().Be("application/xml");
        request.Header("Accept").Should().Be("application/xml");
        request.Header("X-TAXII-Content-Type").Should().Be(messageBinding);
        request.Header("X-TAXII-Services").Should().Be(services);
        request.Header("X-TAXII-Protocol").Should().Be("urn:taxii.mitre.org:protocol:http:1.0");
        request.Header("X-TAXII-Accept").Should().Be(messageBinding);
        request.Header("Authorization").Should().BeNull();
        request.Read!.Version.Should().Be(version);
        request.Message.Should().BeOfType<DiscoveryRequest>();
    }

    [Fact]
    public async Task Message_ids_are_digits_so_TAXII_10_accepts_them()
    {
        await using var peer = await TaxiiPeer.StartAsync(
            x => x.ReplyAsync(new DiscoveryResponse(MessageIds.New(), x.Message.MessageId)), Ct);
        using var client = TestClient.Create(TaxiiVersion.V10);

        await client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        MessageIds.IsValidV10(peer.Received.Single().Message.MessageId).Should().BeTrue();
    }

    [Fact]
    public async Task Basic_auth_credentials_go_in_the_Authorization_header_of_every_request()
    {
        await using var peer = await TaxiiPeer.StartAsync(
            x => x.ReplyAsync(new DiscoveryResponse(MessageIds.New(), x.Message.MessageId)), Ct);
        using var client = new TestClient(new TaxiiClientOptions { UserName = "analyst", Password = "pä:ss" });

        await client.Client.DiscoverAsync(peer.ServiceUri, Ct);
        await client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("analyst:pä:ss"));
        peer.Received.Should().HaveCount(2).And.OnlyContain(r => r.Header("Authorization") == expected);
    }

    [Fact]
    public void Options_refuse_half_credentials_and_a_colon_in_the_user_name()
    {
        using var http = new HttpClient();
        var half = () => new TaxiiClient(http, new TaxiiClientOptions { UserName = "analyst" });
        var colon = () => new TaxiiClient(http, new TaxiiClientOptions { UserName = "a:b", Password = "x" });

        half.Should().Throw<ArgumentException>();
        colon.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task A_relative_address_is_resolved_against_the_HttpClient_base_address()
    {
        await using var peer = await TaxiiPeer.StartAsync(
            x => x.ReplyAsync(new DiscoveryResponse(MessageIds.New(), x.Message.MessageId)), Ct);
        using var client = new TestClient(new TaxiiClientOptions(), peer.BaseAddress);

        await client.Client.DiscoverAsync(new Uri("/taxii-discovery-service/", UriKind.Relative), Ct);

        var request = peer.Received.Should().ContainSingle().Subject;
        request.Path.Should().Be("/taxii-discovery-service/");
        request.Header("X-TAXII-Protocol").Should().Be("urn:taxii.mitre.org:protocol:http:1.0");
    }

    [Fact]
    public async Task A_relative_address_without_a_base_address_is_refused()
    {
        using var client = TestClient.Create();

        var act = () => client.Client.DiscoverAsync(new Uri("/taxii/", UriKind.Relative), Ct);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task A_URI_that_is_not_http_or_https_is_refused_before_sending()
    {
        using var client = TestClient.Create();

        var act = () => client.Client.DiscoverAsync(new Uri("ftp://127.0.0.1/taxii"), Ct);

        await act.Should().ThrowAsync<ArgumentException>();
    }
}
