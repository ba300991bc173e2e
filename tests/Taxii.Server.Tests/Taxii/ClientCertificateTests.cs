using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Taxii.Protocol.Client;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Taxii.Server.Admin.Tokens;
using Taxii.Server.Admin.Users;
using Taxii.Server.Tests.Security;
using Taxii.Testing;

namespace Taxii.Server.Tests.Taxii;

/// <summary>TLS client certificates registered to users authenticate TAXII and API requests over HTTPS.</summary>
public sealed class ClientCertificateTests(ClientCertificateTests.Factory app) : IClassFixture<ClientCertificateTests.Factory>
{
    private const string AdminPassword = "certificate admin password";

    private static readonly X509Certificate2 Registered = TestCertificates.Create("CN=partner-automation");
    private static readonly X509Certificate2 Stranger = TestCertificates.Create("CN=someone-else");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Factory() : TaxiiAppFactory(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(TestCertificates.Create("CN=localhost"))))
    {
        protected override async Task SeedAsync()
        {
            await CreateUserAsync("cert-admin", AdminPassword, admin: true);
            await CreateUserAsync("partner-automation", Guid.NewGuid().ToString());
        }
    }

    [Fact]
    public async Task A_registered_certificate_authenticates_its_user_for_taxii_and_the_api()
    {
        await RegisterAsync(Registered);

        var discovery = await Taxii(Registered).DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct);

        discovery.ServiceInstances.Should().HaveCount(4, "an authenticated caller sees every service");
        discovery.ServiceInstances.Should().AllSatisfy(s => s.ProtocolBinding.Should().Be(ProtocolBindingIds.Https10));
        using var api = Http(Registered);
        (await api.GetFromJsonAsync<MeDto>("/api/v1/me", Ct))!.Name.Should().Be("partner-automation");
    }

    /// <summary>Its user and permissions are kept like a basic-auth caller's, and dropped when the registration goes.</summary>
    [Fact]
    public async Task A_known_certificate_asks_the_database_nothing_and_its_removal_applies_to_the_next_request()
    {
        var certificate = TestCertificates.Create("CN=cached-partner");
        var stored = await RegisterAsync(certificate);
        var taxii = Taxii(certificate);

        async Task<IReadOnlyCollection<string>> RoundsAsync(int rounds)
        {
            using var commands = new DatabaseCommands(app.ConnectionString);
            for (var i = 0; i < rounds; i++)
            {
                (await taxii.DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct)).ServiceInstances.Should().HaveCount(4);
            }

            return [.. commands.Seen];
        }

        // a host that has just started drops its caches once more when its notification connection is made
        for (var settle = 0; settle < 20 && (await RoundsAsync(1)).Count > 0; settle++)
        {
            await Task.Delay(100, Ct);
        }

        (await RoundsAsync(10)).Should().BeEmpty("a known certificate's user and permissions are kept");
        using var admin = Http(null, "cert-admin", AdminPassword);
        var users = await admin.GetFromJsonAsync<Server.Admin.Page<UserDto>>("/api/v1/users?name=partner-automation", Ct);
        (await admin.DeleteAsync($"/api/v1/users/{users!.Items.Single().Id}/certificates/{stored.Id}", Ct)).StatusCode
            .Should().Be(HttpStatusCode.NoContent);
        var removed = () => taxii.DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct);
        (await removed.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.Unauthorized);
    }

    [Fact]
    public async Task An_unregistered_certificate_is_unauthorized_and_no_certificate_is_anonymous()
    {
        var stranger = () => Taxii(Stranger).DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct);

        (await stranger.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.Unauthorized);
        var anonymous = await Taxii(null).DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct);
        anonymous.ServiceInstances.Should().ContainSingle().Which.ServiceType.Should().Be(ServiceType.Discovery);
        using var api = Http(Stranger);
        (await api.GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_registered_certificate_outside_its_validity_period_is_unauthorized()
    {
        var expired = TestCertificates.Create("CN=expired-partner", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        await RegisterAsync(expired);

        var taxii = () => Taxii(expired).DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct);

        (await taxii.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.Unauthorized);
        using var api = Http(expired);
        (await api.GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_registered_certificate_from_a_CA_this_host_does_not_trust_is_unauthorized()
    {
        // the package checks the chain of any certificate that is not self-signed before the pin is looked at
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest("CN=partner private CA", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        // one clock reading for both: an issued certificate may not outlive its issuer, even by the second the key took
        var now = DateTimeOffset.UtcNow;
        using var authority = authorityRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        var issued = TestCertificates.Create("CN=partner-issued", now.AddDays(-1), now.AddDays(30), authority);
        await RegisterAsync(issued);

        using var api = Http(issued);
        (await api.GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        app.Logs.Lines().Should().Contain(line => line.Contains("CN=partner-issued", StringComparison.Ordinal) && line.Contains("PartialChain", StringComparison.Ordinal),
            "the chain to an unknown CA is what refuses it");
    }

    [Fact]
    public async Task Registering_refuses_duplicates_and_what_is_not_a_certificate()
    {
        var certificate = TestCertificates.Create("CN=registered-twice");
        await RegisterAsync(certificate);

        using var admin = Http(null, "cert-admin", AdminPassword);
        (await PostPemAsync(admin, certificate.ExportCertificatePem())).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await PostPemAsync(admin, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----")).StatusCode
            .Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    private async Task<CertificateDto> RegisterAsync(X509Certificate2 certificate)
    {
        using var admin = Http(null, "cert-admin", AdminPassword);
        using var response = await PostPemAsync(admin, certificate.ExportCertificatePem());
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var stored = (await response.Content.ReadFromJsonAsync<CertificateDto>(Ct))!;
        stored.Thumbprint.Should().Be(Convert.ToHexString(SHA256.HashData(certificate.RawData)));
        return stored;
    }

    private async Task<HttpResponseMessage> PostPemAsync(HttpClient admin, string pem)
    {
        var users = await admin.GetFromJsonAsync<Server.Admin.Page<UserDto>>("/api/v1/users?name=partner-automation", Ct);
        var id = users!.Items.Single().Id;
        return await admin.PostAsJsonAsync($"/api/v1/users/{id}/certificates", new { pem }, Ct);
    }

    private TaxiiClient Taxii(X509Certificate2? certificate)
    {
        var options = new TaxiiClientOptions { ClientCertificate = certificate, VerifyServerCertificate = false };
        return new TaxiiClient(new HttpClient(new SchemaCheckingHandler { InnerHandler = TaxiiClient.CreateHandler(options) }), options);
    }

    private HttpClient Http(X509Certificate2? certificate, string? user = null, string? password = null)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        var client = new HttpClient(handler) { BaseAddress = app.Address("/") };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return client;
    }
}
