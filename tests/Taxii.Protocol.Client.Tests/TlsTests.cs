using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using Taxii.Protocol.Messages;
using Xunit;

namespace Taxii.Protocol.Client.Tests;

public sealed class TlsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_verification_off_a_self_signed_peer_is_reached_over_https()
    {
        using var serverCertificate = Certificates.SelfSigned("taxii-peer", server: true);
        await using var peer = await StartAsync(new PeerTls(serverCertificate));
        using var client = new TestClient(new TaxiiClientOptions { VerifyServerCertificate = false });

        await client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        peer.ServiceUri.Scheme.Should().Be("https");
        peer.Received.Single().Header("X-TAXII-Protocol").Should().Be("urn:taxii.mitre.org:protocol:https:1.0");
    }

    [Fact]
    public async Task With_verification_on_a_self_signed_peer_is_refused()
    {
        using var serverCertificate = Certificates.SelfSigned("taxii-peer", server: true);
        await using var peer = await StartAsync(new PeerTls(serverCertificate));
        using var client = TestClient.Create();

        var act = () => client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        await act.Should().ThrowAsync<HttpRequestException>();
        peer.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task The_client_certificate_is_presented_to_a_peer_that_asks()
    {
        using var serverCertificate = Certificates.SelfSigned("taxii-peer", server: true);
        using var clientCertificate = Certificates.SelfSigned("taxii-client", server: false);
        await using var peer = await StartAsync(new PeerTls(serverCertificate, AskForClientCertificate: true));
        using var client = new TestClient(new TaxiiClientOptions
        {
            VerifyServerCertificate = false,
            ClientCertificate = clientCertificate,
        });

        await client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        peer.Received.Single().ClientCertificateThumbprint.Should().Be(clientCertificate.Thumbprint);
    }

    [Fact]
    public void Client_certificates_load_from_PFX_and_from_PEM_with_their_keys()
    {
        using var certificate = Certificates.SelfSigned("taxii-client", server: false);
        var folder = Directory.CreateTempSubdirectory("taxii-client-certs-");
        try
        {
            var pfx = Path.Combine(folder.FullName, "client.pfx");
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, "secret"));
            var pem = Path.Combine(folder.FullName, "client.pem");
            var key = Path.Combine(folder.FullName, "client.key");
            File.WriteAllText(pem, certificate.ExportCertificatePem());
            using var rsa = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("no private key");
            File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());

            using var fromPfx = TaxiiClientCertificate.LoadPfx(pfx, "secret");
            using var fromPem = TaxiiClientCertificate.LoadPem(pem, key);

            fromPfx.Thumbprint.Should().Be(certificate.Thumbprint);
            fromPfx.HasPrivateKey.Should().BeTrue();
            fromPem.Thumbprint.Should().Be(certificate.Thumbprint);
            fromPem.HasPrivateKey.Should().BeTrue();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Task<TaxiiPeer> StartAsync(PeerTls tls) => TaxiiPeer.StartAsync(
        x => x.ReplyAsync(new DiscoveryResponse(MessageIds.New(), x.Message.MessageId)), Ct, tls);
}
