using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Feeds.Secrets;
using Taxii.Feeds.Subscriptions;
using Taxii.Persistence;
using Taxii.Server.Admin.Audit;
using Taxii.Server.Admin.PushCredentials;
using Taxii.Testing;

namespace Taxii.Server.Tests.Admin;

/// <summary>
/// <c>/api/v1/push-credentials</c>: administrators' credentials for subscription pushes, secrets write-only and
/// encrypted, every invalid field named. Pushes that use them: <c>Taxii/SubscriptionPushCredentialTests</c>.
/// </summary>
public sealed class PushCredentialApiTests(AdminApiFactory app) : IClassFixture<AdminApiFactory>
{
    private const string Secret = "push-Pa55word-4b1d";
    private const string CertificatePassword = "push-p12-Pa55word-e2a0";

    private static readonly string Certificate = Convert.ToBase64String(TestCertificates.Create("CN=our pushes").Export(X509ContentType.Pkcs12, CertificatePassword));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_credentials_are_created_read_updated_and_deleted_and_their_secrets_never_come_back()
    {
        using var created = await app.Admin().PostAsJsonAsync("/api/v1/push-credentials", new
        {
            addressPrefix = "HTTPS://Partner.Example:443/taxii/",
            description = "the partner's inboxes",
            username = "our-server",
            password = Secret,
            clientCertificate = Certificate,
            clientCertificatePassword = CertificatePassword,
        }, Ct);
        var text = await created.Content.ReadAsStringAsync(Ct);
        created.StatusCode.Should().Be(HttpStatusCode.Created, text);
        var credential = JsonSerializer.Deserialize<PushCredentialDto>(text, AdminJson.Options)!;
        credential.Should().Match<PushCredentialDto>(c => c.AddressPrefix == "https://partner.example/taxii/" && c.Username == "our-server"
            && c.HasPassword && c.HasClientCertificate && c.VerifyTls && !c.AllowPlainHttp);
        created.Headers.Location!.ToString().Should().EndWith($"/api/v1/push-credentials/{credential.Id}");

        var read = await app.Admin().GetStringAsync($"/api/v1/push-credentials/{credential.Id}", Ct);
        var listed = await app.Admin().GetStringAsync("/api/v1/push-credentials", Ct);
        foreach (var answer in new[] { text, read, listed })
        {
            answer.Should().Contain("partner.example").And.NotContain(Secret).And.NotContain(CertificatePassword).And.NotContain(Certificate[..40]);
        }

        var stored = await StoredAsync(credential.Id);
        stored.ProtectedPassword.Should().NotContain(Secret);
        stored.ProtectedClientCertificate.Should().NotContain(Certificate[..40]);
        app.Services.GetRequiredService<FeedSecrets>().Unprotect(stored.ProtectedPassword!).Should().Be(Secret, "encrypted, not hashed: pushes must present it");

        // secrets left out are kept; removing the user name removes its password
        (await PutAsync(credential.Id, new { addressPrefix = "https://partner.example/taxii/", username = "our-server", verifyTls = false }))
            .Should().Match<PushCredentialDto>(c => c.HasPassword && c.HasClientCertificate && !c.VerifyTls && c.Description == null);
        (await PutAsync(credential.Id, new { addressPrefix = "https://partner.example/taxii/" }))
            .Should().Match<PushCredentialDto>(c => !c.HasPassword && c.Username == null && c.HasClientCertificate);
        (await StoredAsync(credential.Id)).ProtectedPassword.Should().BeNull();

        using (var again = await app.Admin().PostAsJsonAsync("/api/v1/push-credentials", new { addressPrefix = "https://partner.example:443/taxii/", clientCertificate = Certificate, clientCertificatePassword = CertificatePassword }, Ct))
        {
            again.StatusCode.Should().Be(HttpStatusCode.Conflict, "the same prefix, spelled otherwise");
        }

        (await app.Admin().DeleteAsync($"/api/v1/push-credentials/{credential.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await app.Admin().GetAsync($"/api/v1/push-credentials/{credential.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.Admin().DeleteAsync($"/api/v1/push-credentials/{credential.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var audit = (await app.Admin().GetFromJsonAsync<AuditPage>($"/api/v1/audit?resource=push-credentials/{credential.Id}", Ct))!.Items;
        audit.Select(e => e.Action).Should().Equal("delete", "update", "update", "create");
        audit.Should().OnlyContain(e => e.UserName == AdminApiFactory.AdminName && e.Details!.Contains("https://partner.example/taxii/"));
        audit[^1].Details.Should().Contain("password=new").And.Contain("clientCertificate=new");
        audit[2].Details.Should().Contain("password=kept");
        audit.Should().OnlyContain(e => !e.Details!.Contains(Secret) && !e.Details.Contains(CertificatePassword));
    }

    [Fact]
    public async Task Every_invalid_setting_is_named_and_nothing_invalid_is_stored()
    {
        var before = await CountAsync();
        (await ErrorsAsync(new { })).Should().ContainKeys("addressPrefix", "username");
        (await ErrorsAsync(new { addressPrefix = "ftp://partner.example/", username = "u", password = "p" })).Should().ContainKey("addressPrefix");
        (await ErrorsAsync(new { addressPrefix = "/relative/", username = "u", password = "p" })).Should().ContainKey("addressPrefix");
        (await ErrorsAsync(new { addressPrefix = "https://u:p@partner.example/", username = "u", password = "p" })).Should().ContainKey("addressPrefix");
        (await ErrorsAsync(new { addressPrefix = "https://partner.example/inbox?x=1", username = "u", password = "p" })).Should().ContainKey("addressPrefix");
        (await ErrorsAsync(new { addressPrefix = "https://partner.example/" + new string('a', 2048), username = "u", password = "p" })).Should().ContainKey("addressPrefix");
        (await ErrorsAsync(new { addressPrefix = "https://partner.example/", description = new string('d', 4001), username = "u", password = "p" })).Should().ContainKey("description");

        // credentials open no network: loopback and private addresses stay refused unless PushAllowedNetworks allows them
        var refused = await ErrorsAsync(new { addressPrefix = "https://127.0.0.1:8443/taxii/", username = "u", password = "p" });
        refused["addressPrefix"].Should().ContainSingle().Which.Should().Contain("PushAllowedNetworks");
        (await ErrorsAsync(new { addressPrefix = "https://169.254.169.254/", username = "u", password = "p" })).Should().ContainKey("addressPrefix");

        // a password over plain http only with consent; a client certificate only over https
        (await ErrorsAsync(new { addressPrefix = "http://partner.example/", username = "u", password = "p" })).Should().ContainKey("allowPlainHttp");
        (await ErrorsAsync(new { addressPrefix = "http://partner.example/", clientCertificate = Certificate, clientCertificatePassword = CertificatePassword, allowPlainHttp = true }))
            .Should().ContainKey("clientCertificate");
        (await ErrorsAsync(new { addressPrefix = "https://partner.example/", username = "u", password = "p", allowPlainHttp = true })).Should().ContainKey("allowPlainHttp");

        (await ErrorsAsync(new { addressPrefix = "https://partner.example/", username = "a:b", password = "p" })).Should().ContainKey("username");
        (await ErrorsAsync(new { addressPrefix = "https://partner.example/", username = "u" })).Should().ContainKey("password");
        (await ErrorsAsync(new { addressPrefix = "https://partner.example/", password = "p" })).Should().ContainKey("password");
        (await ErrorsAsync(new { addressPrefix = "https://partner.example/", clientCertificate = "not a certificate" })).Should().ContainKey("clientCertificate");
        (await ErrorsAsync(new { addressPrefix = "https://partner.example/", clientCertificate = Certificate, clientCertificatePassword = "wrong" })).Should().ContainKey("clientCertificate");
        (await ErrorsAsync(new { addressPrefix = "https://partner.example/", username = "u", password = "p", colour = "red" })).Should().ContainKey("colour");
        (await CountAsync()).Should().Be(before, "nothing invalid is stored");

        using var consented = await app.Admin().PostAsJsonAsync("/api/v1/push-credentials", new { addressPrefix = "http://plain.example/", username = "u", password = "p", allowPlainHttp = true }, Ct);
        consented.StatusCode.Should().Be(HttpStatusCode.Created, "a password over plain http, with the administrator's consent");
        var id = (await consented.Content.ReadFromJsonAsync<PushCredentialDto>(AdminJson.Options, Ct))!.Id;
        using var unknown = await app.Admin().PutAsJsonAsync("/api/v1/push-credentials/999999", new { addressPrefix = "https://partner.example/", username = "u", password = "p" }, Ct);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var invalidUpdate = await app.Admin().PutAsJsonAsync($"/api/v1/push-credentials/{id}", new { addressPrefix = "http://plain.example/", username = "u" }, Ct);
        invalidUpdate.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "the password kept still needs consent for plain http");
    }

    [Fact]
    public async Task Readers_of_taxii_services_see_push_credentials_and_only_modifiers_change_them()
    {
        foreach (var (name, permission) in new[] { ("cred-reader", "read taxii-services"), ("cred-modifier", "modify taxii-services") })
        {
            var user = await app.CreateUserViaApiAsync(name);
            using var role = await app.Admin().PostAsJsonAsync("/api/v1/roles", new { name = "only " + permission + " " + name, permissions = new[] { permission } }, Ct);
            var roleId = (await role.Content.ReadFromJsonAsync<AdminApiFactory.IdOnly>(Ct))!.Id;
            (await app.Admin().PutAsync($"/api/v1/users/{user}/roles/{roleId}", null, Ct)).EnsureSuccessStatusCode();
        }

        var body = new { addressPrefix = "https://permissions.example/", username = "u", password = Secret };
        (await app.As("cred-reader").PostAsJsonAsync("/api/v1/push-credentials", body, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.As("cred-modifier").GetAsync("/api/v1/push-credentials", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.As(AdminApiFactory.NobodyName).GetAsync("/api/v1/push-credentials", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var created = await app.As("cred-modifier").PostAsJsonAsync("/api/v1/push-credentials", body, Ct);
        created.StatusCode.Should().Be(HttpStatusCode.Created);

        (await app.As("cred-reader").GetStringAsync("/api/v1/push-credentials", Ct)).Should().Contain("permissions.example").And.NotContain(Secret);
    }

    [Fact]
    public async Task A_push_address_gets_the_longest_prefix_it_starts_with_compared_literally_and_by_whole_host()
    {
        var host = await CreateAsync("https://lookup.example");
        var inbox = await CreateAsync("https://lookup.example/in_box/");
        var exact = await CreateAsync("https://lookup.example/in_box/inbox-1");

        (await LookUpAsync("https://lookup.example/in_box/inbox-1")).Should().Be(exact);
        (await LookUpAsync("HTTPS://Lookup.Example:443/in_box/inbox-2")).Should().Be(inbox, "scheme, host and default port are compared normalized");
        (await LookUpAsync("https://lookup.example/in_box/inbox-10")).Should().Be(exact, "a prefix is a prefix: end it with / to mean a directory");
        (await LookUpAsync("https://lookup.example/inXbox/inbox-1")).Should().Be(host, "_ in a prefix is no wildcard");
        (await LookUpAsync("https://lookup.example/IN_BOX/inbox-1")).Should().Be(host, "paths are case-sensitive");
        (await LookUpAsync("https://lookup.example.attacker.test/in_box/")).Should().BeNull("a prefix's host ends where the address's does");
        (await LookUpAsync("https://lookup.example:8443/in_box/")).Should().BeNull("another port is another server");
        (await LookUpAsync("http://lookup.example/in_box/")).Should().BeNull("another scheme is another server");
    }

    private async Task<int> CreateAsync(string prefix)
    {
        using var response = await app.Admin().PostAsJsonAsync("/api/v1/push-credentials", new { addressPrefix = prefix, username = "u", password = Secret }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<PushCredentialDto>(AdminJson.Options, Ct))!.Id;
    }

    private async Task<int?> LookUpAsync(string address)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        return (await PushCredentialLookup.ForAsync(db, new Uri(address), Ct))?.Id;
    }

    private async Task<PushCredentialDto> PutAsync(int id, object body)
    {
        using var response = await app.Admin().PutAsJsonAsync($"/api/v1/push-credentials/{id}", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        text.Should().NotContain(Secret);
        return JsonSerializer.Deserialize<PushCredentialDto>(text, AdminJson.Options)!;
    }

    private async Task<Dictionary<string, string[]>> ErrorsAsync(object body)
    {
        using var response = await app.Admin().PostAsJsonAsync("/api/v1/push-credentials", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    private async Task<Core.Collections.PushCredential> StoredAsync(int id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().PushCredentials.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
    }

    private async Task<int> CountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().PushCredentials.CountAsync(Ct);
    }
}
