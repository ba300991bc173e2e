using FluentAssertions;
using MimeKit;
using Taxii.Server.Tests.Admin;
using Taxii.Testing.Peers;

namespace Taxii.Server.Tests.Feeds;

/// <summary>docs/feeds.md's transport examples, run as written with bash and curl against a fresh host and real mail servers.</summary>
public sealed class MailFeedDocsTests(TransportPublisher app, SmtpServer smtpd, ImapServer dovecot)
    : IClassFixture<TransportPublisher>, IClassFixture<SmtpServer>, IClassFixture<ImapServer>
{
    private readonly SmtpServer _smtpd = smtpd.Required();
    private readonly ImapServer _dovecot = dovecot.Required();

    [Fact]
    public async Task The_mail_transport_example_runs_as_written_and_the_messages_arrive()
    {
        var page = await DocPages.ReadAsync("feeds.md", TestContext.Current.CancellationToken);
        var blocks = DocPages.ShellBlocks(DocPages.Subsection(page, "Example: e-mail and IMAP feeds"));
        blocks.Should().ContainSingle();
        var (exitCode, output, errors) = await DocPages.RunAsync(blocks, new Dictionary<string, string>
        {
            ["TAXII"] = app.Address("/").ToString().TrimEnd('/'),
            ["ADMIN"] = $"{AdminApiFactory.AdminName}:{AdminApiFactory.Password}",
            ["SMTP_HOST"] = "127.0.0.1",
            ["SMTP_PORT"] = _smtpd.StartTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SMTP_FINGERPRINT"] = _smtpd.CertificateFingerprint,
            ["SMTP_USER"] = SmtpServer.User,
            ["SMTP_PASSWORD"] = SmtpServer.Password,
            ["IMAP_HOST"] = "127.0.0.1",
            ["IMAP_PORT"] = _dovecot.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["IMAP_FINGERPRINT"] = _dovecot.CertificateFingerprint,
            ["IMAP_USER"] = ImapServer.User,
            ["IMAP_PASSWORD"] = ImapServer.Password,
        });

        exitCode.Should().Be(0, $"the example must run as written:\n{errors}\n{output}");
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2)
            .And.AllSatisfy(line => line.Should().StartWith("{\"status\":\"succeeded\",\"error\":null,\"packages\":[\""));
        var mailed = _smtpd.Received("soc mail").Should().ContainSingle().Subject;
        mailed.Subject.Should().StartWith("[intel] soc mail, run ");
        mailed.Attachments.OfType<MimePart>().Should().ContainSingle().Which.ContentType.MimeType.Should().Be("text/csv");
        _dovecot.Received(ImapServer.Folder, "filed intel").Should().ContainSingle()
            .Which.Attachments.OfType<MimePart>().Should().ContainSingle().Which.ContentType.MimeType.Should().Be("application/json");
    }
}
