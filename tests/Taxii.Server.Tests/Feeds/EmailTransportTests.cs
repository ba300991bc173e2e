using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using MimeKit;
using Taxii.Server.Tests.Admin;
using Taxii.Testing;
using Taxii.Testing.Peers;

namespace Taxii.Server.Tests.Feeds;

/// <summary>Outgoing feeds by e-mail to a real SMTP server (aiosmtpd) the fixture starts on loopback, read back from its maildir.</summary>
public sealed class EmailTransportTests(TransportPublisher app, SmtpServer smtpd)
    : IClassFixture<TransportPublisher>, IClassFixture<SmtpServer>
{
    private readonly SmtpServer _smtpd = smtpd.Required();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A host that gives up on a mail server after two quick attempts (the IMAP and docs tests use it too).</summary>
    private FeedApi Admin => app.Admin;

    [Fact]
    public async Task A_run_mails_each_package_attached_with_its_media_type_and_the_subject_from_the_template()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("mail source");
        await api.AddEntitiesAsync(dataset, """
            [{"type":"indicator","title":"mailed indicator","observables":[{"kind":"ipv4","value":"198.51.100.91"}]}]
            """);
        var feed = await api.CreateFeedAsync(FeedJson("mail plain", dataset, new
        {
            type = "email",
            host = "127.0.0.1",
            port = _smtpd.Port,
            security = "none",
            from = "feeds@taxii.example",
            recipients = new[] { "soc@example.org", "cert@example.net" },
            subjectTemplate = "[{feed}] run {run} of {time}, package {package}",
        }));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("succeeded", run.GetProperty("error").ToString());
        var package = run.GetProperty("packages").EnumerateArray().Should().ContainSingle().Subject;
        var message = _smtpd.Received("mail plain").Should().ContainSingle().Subject;
        var runId = run.GetProperty("id").GetInt64();
        var started = run.GetProperty("startedAt").GetDateTimeOffset();
        message.Subject.Should().StartWith($"[mail plain] run {runId} of {started.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}").And.EndWith(", package 1");
        message.From.Mailboxes.Select(m => m.Address).Should().Equal("feeds@taxii.example");
        message.To.Mailboxes.Select(m => m.Address).Should().Equal("soc@example.org", "cert@example.net");
        var attachment = message.Attachments.OfType<MimePart>().Should().ContainSingle().Subject;
        attachment.FileName.Should().Be(package.GetProperty("fileName").GetString());
        attachment.ContentType.MimeType.Should().Be("text/csv");
        attachment.ContentType.Charset.Should().Be("utf-8");
        var bytes = Content(attachment);
        Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().BeEquivalentTo(package.GetProperty("sha256").GetString());
        System.Text.Encoding.UTF8.GetString(bytes).Should().Contain("198.51.100.91");
    }

    [Fact]
    public async Task Over_STARTTLS_with_a_pinned_certificate_and_a_login_the_message_arrives_and_the_password_stays_hidden()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("mail tls source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"tls mailed","observables":[{"kind":"domain","value":"mail-tls.example"}]}]""");
        var feed = await api.CreateFeedAsync(FeedJson("mail starttls", dataset, Tls(_smtpd.StartTlsPort, "starttls",
            _smtpd.CertificateFingerprint.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant(), SmtpServer.Password)));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("succeeded", run.GetProperty("error").ToString());
        var message = _smtpd.Received("mail starttls").Should().ContainSingle().Subject;
        message.Subject.Should().StartWith("Taxii feed mail starttls: run ");
        System.Text.Encoding.UTF8.GetString(Content(message.Attachments.OfType<MimePart>().Single())).Should().Contain("mail-tls.example");
        var shown = await api.Client.GetStringAsync($"/api/v1/outgoing-feeds/{feed}", Ct);
        var transport = JsonDocument.Parse(shown).RootElement.GetProperty("transport");
        transport.GetProperty("hasPassword").GetBoolean().Should().BeTrue();
        transport.GetProperty("certificateFingerprint").GetString().Should().Be(_smtpd.CertificateFingerprint, "stored as openssl prints it");
        shown.Should().NotContain(SmtpServer.Password);
        run.ToString().Should().NotContain(SmtpServer.Password);
        app.Logs.Lines().Should().NotContain(l => l.Contains(SmtpServer.Password));
    }

    [Fact]
    public async Task Over_implicit_TLS_a_refused_recipient_fails_the_run_naming_it()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("mail refused source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"not mailed","observables":[{"kind":"ipv4","value":"198.51.100.92"}]}]""");
        var feed = await api.CreateFeedAsync(FeedJson("mail refused recipient", dataset, Tls(_smtpd.TlsPort, "tls", _smtpd.CertificateFingerprint, SmtpServer.Password,
            ["soc@example.org", "nobody@refused.example"])));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().Be(
            $"Package 1: smtp://127.0.0.1:{_smtpd.TlsPort} refused the recipient nobody@refused.example (550 5.1.1 <nobody@refused.example>: recipient address rejected).");
        _smtpd.Received("mail refused recipient").Should().BeEmpty();
    }

    [Fact]
    public async Task A_certificate_other_than_the_pinned_one_fails_the_run_naming_the_fingerprint_seen()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("mail pin source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"not mailed","observables":[{"kind":"ipv4","value":"198.51.100.93"}]}]""");
        var pinned = string.Join(':', Convert.ToHexString(SHA256.HashData("another server"u8)).Chunk(2).Select(p => new string(p)));
        var feed = await api.CreateFeedAsync(FeedJson("mail wrong pin", dataset, Tls(_smtpd.StartTlsPort, "starttls", pinned, SmtpServer.Password)));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().Contain(_smtpd.CertificateFingerprint).And.Contain("not the pinned " + pinned).And.Contain("refused");
        _smtpd.Received("mail wrong pin").Should().BeEmpty();
        app.Logs.Lines().Should().NotContain(l => l.Contains("mail wrong pin") && l.Contains("(attempt 1)"), "a refused certificate is not retried");
    }

    [Fact]
    public async Task A_wrong_password_fails_the_run_naming_the_refused_login_but_not_the_password()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("mail login source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"not mailed","observables":[{"kind":"ipv4","value":"198.51.100.94"}]}]""");
        const string wrong = "a wrong smtp password that must never show";
        var feed = await api.CreateFeedAsync(FeedJson("mail wrong password", dataset, Tls(_smtpd.StartTlsPort, "starttls", _smtpd.CertificateFingerprint, wrong)));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().StartWith($"smtp://127.0.0.1:{_smtpd.StartTlsPort} refused the login of {SmtpServer.User} (")
            .And.EndWith("check the username and password.");
        run.ToString().Should().NotContain(wrong);
        app.Logs.Lines().Should().NotContain(l => l.Contains(wrong));
        _smtpd.Received("mail wrong password").Should().BeEmpty();
    }

    [Fact]
    public async Task A_message_over_maxMessageSize_is_refused_before_anything_is_sent()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("mail size source");
        await api.AddEntitiesAsync(dataset, "[" + string.Join(',', Enumerable.Range(1, 40).Select(i =>
            $$"""{"type":"indicator","title":"large mailing {{i}}","observables":[{"kind":"domain","value":"large-{{i}}.mail.example"}]}""")) + "]");
        var feed = await api.CreateFeedAsync(FeedJson("mail too large", dataset, new
        {
            type = "email",
            host = "127.0.0.1",
            port = _smtpd.Port,
            security = "none",
            from = "feeds@taxii.example",
            recipients = new[] { "soc@example.org" },
            maxMessageSize = 2048,
        }));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().MatchRegex(
            @"^Package 1: its message is \d+ bytes \(the \d+-byte package base64-encoded, with headers\), more than the feed's maxMessageSize allows \(2048 bytes\); nothing was sent\.$");
        _smtpd.Received("mail too large").Should().BeEmpty();
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_tried_again_then_fails_the_run_naming_the_attempts()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("mail down source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"held back","observables":[{"kind":"ipv4","value":"198.51.100.95"}]}]""");
        var port = ServerProcess.FreeTcpPort();
        var feed = await api.CreateFeedAsync(FeedJson("mail down", dataset, new
        {
            type = "email",
            host = "127.0.0.1",
            port,
            security = "none",
            from = "feeds@taxii.example",
            recipients = new[] { "soc@example.org" },
        }));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().StartWith($"Connecting: smtp://127.0.0.1:{port} could not be reached").And.EndWith("gave up after 2 attempts.");
        app.Logs.Lines().Should().Contain(l => l.Contains("failed (attempt 1)") && l.Contains($"smtp://127.0.0.1:{port} could not be reached"), "the first failure is logged before the retry");
    }

    [Fact]
    public async Task Bad_settings_are_refused_with_422_naming_each_field()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("mail invalid source");
        var problem = await api.PostAsync("/api/v1/outgoing-feeds", FeedJson("mail invalid", dataset, new
        {
            type = "email",
            host = "bad host name!",
            port = 70000,
            security = "ssl",
            certificateFingerprint = "SHA1:00:11",
            password = SmtpServer.Password,
            from = "not an address",
            recipients = new[] { "soc@example.org", "two@example.org, three@example.org" },
            subjectTemplate = "run {runid}",
            maxMessageSize = 100,
        }), HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
        errors.Keys.Should().BeEquivalentTo("transport.host", "transport.port", "transport.security", "transport.certificateFingerprint", "transport.password",
            "transport.from", "transport.recipients", "transport.subjectTemplate", "transport.maxMessageSize");
        errors["transport.recipients"].Should().ContainSingle().Which.Should().StartWith("recipient 2 ");
        errors["transport.subjectTemplate"].Should().ContainSingle().Which.Should().Contain("{feed}, {run}, {time}, {package}");
        problem.ToString().Should().NotContain(SmtpServer.Password);

        problem = await api.PostAsync("/api/v1/outgoing-feeds", FeedJson("mail empty", dataset, new
        {
            type = "email",
            security = "none",
            certificateFingerprint = _smtpd.CertificateFingerprint,
            recipients = Array.Empty<string>(),
        }), HttpStatusCode.UnprocessableEntity);
        errors = problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
        errors.Keys.Should().BeEquivalentTo("transport.host", "transport.from", "transport.recipients", "transport.certificateFingerprint");
        errors["transport.certificateFingerprint"].Should().ContainSingle().Which.Should().Contain("needs security");
    }

    private static byte[] Content(MimePart part)
    {
        using var decoded = new MemoryStream();
        (part.Content ?? throw new InvalidOperationException("the attachment has no content")).DecodeTo(decoded);
        return decoded.ToArray();
    }

    private static object Tls(int port, string security, string fingerprint, string password, string[]? recipients = null) => new
    {
        type = "email",
        host = "127.0.0.1",
        port,
        security,
        // the test certificate is self-signed: the pin alone says which server to trust
        verifyTls = false,
        certificateFingerprint = fingerprint,
        username = SmtpServer.User,
        password,
        from = "feeds@taxii.example",
        recipients = recipients ?? ["soc@example.org"],
    };

    private static string FeedJson(string name, int dataset, object transport) => JsonSerializer.Serialize(new
    {
        name,
        datasetIds = new[] { dataset },
        contentType = "csv",
        updateStrategy = "replace",
        transport,
    });
}
