using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Taxii.Server.Admin.Tokens;
using Taxii.Testing;

namespace Taxii.Server.Tests.Taxii;

/// <summary>
/// <c>Taxii:Auth:ClientCertificateMode=RequireCertificate</c>: TLS refuses a client without a certificate, and a
/// registered one authenticates its user as usual.
/// </summary>
public sealed class RequiredClientCertificateTests(RequiredClientCertificateTests.Factory app) : IClassFixture<RequiredClientCertificateTests.Factory>
{
    private static readonly X509Certificate2 Registered = TestCertificates.Create("CN=required-partner");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Factory() : TaxiiAppFactory(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(TestCertificates.Create("CN=localhost"))))
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Taxii:Auth:ClientCertificateMode"] = "RequireCertificate" };

        protected override async Task SeedAsync()
        {
            // registered in the database: without a certificate, no one could reach the API to register it
            var user = await CreateUserAsync("required-partner", Guid.NewGuid().ToString());
            await TestData.RegisterCertificateAsync(this, user, Registered);
        }
    }

    [Fact]
    public async Task A_client_without_a_certificate_cannot_connect_and_a_registered_one_is_its_user()
    {
        using var without = Http(null);
        var refused = () => without.GetAsync("/health/live", Ct);
        await refused.Should().ThrowAsync<HttpRequestException>("the TLS handshake requires a certificate");

        using var with = Http(Registered);
        (await with.GetFromJsonAsync<MeDto>("/api/v1/me", Ct))!.Name.Should().Be("required-partner");
    }

    private HttpClient Http(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        return new HttpClient(handler) { BaseAddress = app.Address("/") };
    }
}
