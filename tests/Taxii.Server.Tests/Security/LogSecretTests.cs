using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Taxii.Server.Tests.Admin;
using Taxii.Server.Tests.Feeds;
using Taxii.Testing;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// Everything the host logs (down to Debug, with ASP.NET Core and EF Core included) while tokens are created and
/// used, passwords right and wrong are sent to the API and TAXII services, and feeds holding peer passwords and
/// client certificates run against peers that refuse or are not there: no token, password, basic-auth header value,
/// certificate or certificate password appears in any of it.
/// </summary>
public sealed class LogSecretTests(LogSecretTests.Factory app) : IClassFixture<LogSecretTests.Factory>
{
    private const string WrongPassword = "wrong-Pa55word-for-the-log-test";
    private const string PeerPassword = "outgoing-peer-Pa55word-7c1e";
    private const string PollPassword = "incoming-peer-Pa55word-93ab";
    private const string CertificatePassword = "p12-Pa55word-5d20";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Factory : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Debug",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Debug",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Debug",
            ["Serilog:MinimumLevel:Override:Hangfire"] = "Debug",
            ["Serilog:MinimumLevel:Override:System.Net.Http"] = "Debug",
        };

        protected override Task SeedAsync() => CreateUserAsync(AdminApiFactory.AdminName, AdminApiFactory.Password, admin: true);
    }

    [Fact]
    public async Task No_credential_or_feed_secret_reaches_the_logs()
    {
        var admin = new FeedApi(app.CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password));

        // API tokens: created, used, and a wrong one tried
        using var created = await admin.Client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "log scan" }, Ct);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
        var wrongToken = "taxii_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        (await BearerAsync(token)).Should().Be(HttpStatusCode.OK);
        (await BearerAsync(wrongToken)).Should().Be(HttpStatusCode.Unauthorized);

        // basic logins, right and wrong, on the API and TAXII
        (await app.CreateClient(AdminApiFactory.AdminName, WrongPassword).GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.CreateTaxiiClient(TaxiiVersion.V11, AdminApiFactory.AdminName, AdminApiFactory.Password)
            .DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct)).ServiceInstances.Should().NotBeEmpty();
        var wrongTaxii = () => app.CreateTaxiiClient(TaxiiVersion.V10, AdminApiFactory.AdminName, WrongPassword)
            .DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct);
        (await wrongTaxii.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.Unauthorized);

        // feeds with secrets, run against a peer that refuses them (this host, unknown user) and one that is not there
        var certificate = ClientCertificate();
        var dataset = await admin.CreateDatasetAsync("log-scan");
        await admin.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"log scan","observables":[{"kind":"ipv4","value":"198.51.100.33"}]}]""");
        var outgoing = await admin.CreateFeedAsync($$"""
            {"name":"to a refusing peer","datasetIds":[{{dataset}}],"contentType":"stix-1.2",
             "transport":{"type":"taxii-inbox","inboxUrl":"{{app.Address("/taxii-inbox-service/")}}","destinationCollection":"C",
                          "username":"peer-user","password":"{{PeerPassword}}","clientCertificate":"{{certificate}}","clientCertificatePassword":"{{CertificatePassword}}"} }
            """);
        (await admin.RunAsync(outgoing)).GetProperty("status").GetString().Should().Be("failed");
        var incoming = (await admin.PostAsync("/api/v1/incoming-feeds", $$"""
            {"name":"from a missing peer","datasetId":{{dataset}},"contentType":"stix-1.2",
             "transport":{"type":"taxii-poll","pollUrl":"http://127.0.0.1:{{ClosedPort()}}/taxii-poll-service/","collectionName":"C",
                          "username":"poller","password":"{{PollPassword}}","clientCertificate":"{{certificate}}","clientCertificatePassword":"{{CertificatePassword}}"} }
            """, HttpStatusCode.Created)).GetProperty("id").GetInt32();
        (await WaitForIncomingRunAsync(admin, incoming)).Should().Be("failed");

        var lines = app.Logs.Lines();
        lines.Should().Contain(l => l.Contains("peer-user", StringComparison.Ordinal) || l.Contains("refused", StringComparison.OrdinalIgnoreCase),
            "the refused push was logged (the scan sees the errors it is about)");
        string[] secrets =
        [
            token, token[6..], wrongToken, AdminApiFactory.Password, WrongPassword, PeerPassword, PollPassword, CertificatePassword,
            certificate[..40], Basic(AdminApiFactory.AdminName, AdminApiFactory.Password), Basic(AdminApiFactory.AdminName, WrongPassword),
            Basic("peer-user", PeerPassword), Basic("poller", PollPassword),
        ];
        foreach (var secret in secrets)
        {
            lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).Should().BeEmpty("'{0}' is a secret", secret);
        }
    }

    private async Task<HttpStatusCode> BearerAsync(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/api/v1/me", Ct);
        return response.StatusCode;
    }

    private static async Task<string?> WaitForIncomingRunAsync(FeedApi api, int feed)
    {
        var queued = await api.PostAsync($"/api/v1/incoming-feeds/{feed}/runs", "{}", HttpStatusCode.Accepted);
        var runId = queued.GetProperty("id").GetInt64();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incoming-feeds/{feed}/runs/{runId}", Ct);
            var status = run.GetProperty("status").GetString();
            if (status is "succeeded" or "failed")
            {
                return status;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the run should end within a minute");
            await Task.Delay(100, Ct);
        }
    }

    private static string Basic(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    /// <summary>A self-signed client certificate with its key, as base64 PKCS#12 protected by <see cref="CertificatePassword"/>.</summary>
    private static string ClientCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=log scan client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12, CertificatePassword));
    }

    /// <summary>A loopback port nothing listens on.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
