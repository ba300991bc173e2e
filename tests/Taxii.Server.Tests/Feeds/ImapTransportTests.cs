using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using MimeKit;
using Taxii.Server.Tests.Admin;
using Taxii.Testing;
using Taxii.Testing.Peers;

namespace Taxii.Server.Tests.Feeds;

/// <summary>Outgoing feeds appended over IMAP to a real Dovecot the fixture starts on loopback, read back from its maildir.</summary>
public sealed class ImapTransportTests(TransportPublisher app, ImapServer dovecot)
    : IClassFixture<TransportPublisher>, IClassFixture<ImapServer>
{
    private readonly ImapServer _dovecot = dovecot.Required();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FeedApi Admin => app.Admin;

    [Fact]
    public async Task Over_STARTTLS_with_a_pinned_certificate_each_package_is_appended_to_the_folder_attached()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("imap source");
        await api.AddEntitiesAsync(dataset, """
            [{"type":"indicator","title":"filed indicator","observables":[{"kind":"ipv4","value":"198.51.100.101"}]}]
            """);
        var feed = await api.CreateFeedAsync(FeedJson("imap filed", dataset, Transport(_dovecot.Port, "starttls", ImapServer.Password, ImapServer.Folder)));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("succeeded", run.GetProperty("error").ToString());
        var package = run.GetProperty("packages").EnumerateArray().Should().ContainSingle().Subject;
        var message = _dovecot.Received(ImapServer.Folder, "imap filed").Should().ContainSingle().Subject;
        message.Subject.Should().Be($"imap filed #{run.GetProperty("id").GetInt64()}");
        message.From.Mailboxes.Select(m => m.Address).Should().Equal("feeds@taxii.example");
        var attachment = message.Attachments.OfType<MimePart>().Should().ContainSingle().Subject;
        attachment.FileName.Should().Be(package.GetProperty("fileName").GetString());
        attachment.ContentType.MimeType.Should().Be("application/json");
        using var decoded = new MemoryStream();
        (attachment.Content ?? throw new InvalidOperationException("no content")).DecodeTo(decoded, Ct);
        Convert.ToHexStringLower(SHA256.HashData(decoded.ToArray())).Should().BeEquivalentTo(package.GetProperty("sha256").GetString());
        System.Text.Encoding.UTF8.GetString(decoded.ToArray()).Should().Contain("198.51.100.101");

        var shown = await api.Client.GetStringAsync($"/api/v1/outgoing-feeds/{feed}", Ct);
        JsonDocument.Parse(shown).RootElement.GetProperty("transport").GetProperty("hasPassword").GetBoolean().Should().BeTrue();
        shown.Should().NotContain(ImapServer.Password);
        app.Logs.Lines().Should().NotContain(l => l.Contains(ImapServer.Password));
    }

    [Fact]
    public async Task A_wrong_password_fails_the_run_naming_the_refused_login_but_not_the_password()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("imap login source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"not filed","observables":[{"kind":"ipv4","value":"198.51.100.102"}]}]""");
        const string wrong = "a wrong imap password that must never show";
        var feed = await api.CreateFeedAsync(FeedJson("imap wrong password", dataset, Transport(_dovecot.TlsPort, "tls", wrong, ImapServer.Folder)));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().StartWith($"imap://127.0.0.1:{_dovecot.TlsPort} refused the login of {ImapServer.User} (")
            .And.EndWith("check the username and password.");
        run.ToString().Should().NotContain(wrong);
        app.Logs.Lines().Should().NotContain(l => l.Contains(wrong));
        _dovecot.Received(ImapServer.Folder, "imap wrong password").Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_folder_fails_the_run_naming_it()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("imap folder source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"nowhere","observables":[{"kind":"ipv4","value":"198.51.100.103"}]}]""");
        var feed = await api.CreateFeedAsync(FeedJson("imap missing folder", dataset, Transport(_dovecot.Port, "starttls", ImapServer.Password, "Not-There")));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().Be(
            $"Folder Not-There does not exist on imap://127.0.0.1:{_dovecot.Port} for {ImapServer.User}; create it (it is not created for you), or name an existing one.");
    }

    [Fact]
    public async Task Bad_settings_are_refused_with_422_naming_each_field()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("imap invalid source");
        var problem = await api.PostAsync("/api/v1/outgoing-feeds", FeedJson("imap invalid", dataset, new
        {
            type = "imap",
            host = "bad host name!",
            port = 0,
            security = "ssl",
            certificateFingerprint = "00:11",
            from = "two@example.org, three@example.org",
            folder = "Feeds/*",
            subjectTemplate = "line\nbreak",
            maxMessageSize = 10,
        }), HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
        errors.Keys.Should().BeEquivalentTo("transport.host", "transport.port", "transport.security", "transport.certificateFingerprint", "transport.username",
            "transport.password", "transport.from", "transport.folder", "transport.subjectTemplate", "transport.maxMessageSize");

        problem = await api.PostAsync("/api/v1/outgoing-feeds", FeedJson("imap no folder", dataset, new
        {
            type = "imap",
            host = "127.0.0.1",
            username = ImapServer.User,
            password = ImapServer.Password,
        }), HttpStatusCode.UnprocessableEntity);
        errors = problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
        errors.Keys.Should().BeEquivalentTo("transport.folder");
        problem.ToString().Should().NotContain(ImapServer.Password);
    }

    private object Transport(int port, string security, string password, string folder) => new
    {
        type = "imap",
        host = "127.0.0.1",
        port,
        security,
        // the test certificate is self-signed: the pin alone says which server to trust
        verifyTls = false,
        certificateFingerprint = _dovecot.CertificateFingerprint,
        username = ImapServer.User,
        password,
        folder,
        from = "feeds@taxii.example",
        subjectTemplate = "{feed} #{run}",
    };

    private static string FeedJson(string name, int dataset, object transport) => JsonSerializer.Serialize(new
    {
        name,
        datasetIds = new[] { dataset },
        contentType = "eclecticiq-json",
        updateStrategy = "replace",
        transport,
    });
}
