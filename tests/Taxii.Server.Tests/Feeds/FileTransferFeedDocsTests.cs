using System.Globalization;
using FluentAssertions;
using Taxii.Server.Tests.Admin;
using Taxii.Testing.Peers;

namespace Taxii.Server.Tests.Feeds;

/// <summary>docs/feeds.md's SFTP, FTPS and syslog example, run as written with bash, curl and jq against a fresh host and real servers.</summary>
public sealed class FileTransferFeedDocsTests(TransportPublisher app, SshServer sshd, FtpServer ftp, RsyslogServer rsyslog)
    : IClassFixture<TransportPublisher>, IClassFixture<SshServer>, IClassFixture<FtpServer>, IClassFixture<RsyslogServer>
{
    private readonly SshServer _sshd = sshd.Required();
    private readonly FtpServer _ftp = ftp.Required();
    private readonly RsyslogServer _rsyslog = rsyslog.Required();

    [Fact]
    public async Task The_sftp_ftps_and_syslog_example_runs_as_written_and_the_packages_arrive()
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await DocPages.ReadAsync("feeds.md", ct);
        var blocks = DocPages.ShellBlocks(DocPages.Subsection(page, "Example: SFTP, FTPS and syslog feeds"));
        blocks.Should().ContainSingle();
        var sftpDirectory = Path.Combine(_sshd.UploadDirectory, "docs");
        Directory.CreateDirectory(sftpDirectory);
        Directory.CreateDirectory(Path.Combine(_ftp.Root, "docs"));
        var keyFile = Path.Combine(_sshd.Directory, "docs-key");
        await File.WriteAllTextAsync(keyFile, _sshd.ClientPrivateKey, ct);

        var (exitCode, output, errors) = await DocPages.RunAsync(blocks, new Dictionary<string, string>
        {
            ["TAXII"] = app.Address("/").ToString().TrimEnd('/'),
            ["ADMIN"] = $"{AdminApiFactory.AdminName}:{AdminApiFactory.Password}",
            ["SFTP_HOST"] = "127.0.0.1",
            ["SFTP_PORT"] = _sshd.Port.ToString(CultureInfo.InvariantCulture),
            ["SFTP_FINGERPRINT"] = _sshd.HostKeyFingerprint,
            ["SFTP_USER"] = _sshd.User,
            ["SFTP_KEY_FILE"] = keyFile,
            ["SFTP_DIR"] = sftpDirectory,
            ["FTP_HOST"] = "127.0.0.1",
            ["FTP_PORT"] = _ftp.TlsOnlyPort.ToString(CultureInfo.InvariantCulture),
            ["FTP_FINGERPRINT"] = _ftp.CertificateFingerprint,
            ["FTP_USER"] = _ftp.User,
            ["FTP_PASSWORD"] = _ftp.Password,
            ["FTP_DIR"] = "/docs",
            ["SYSLOG_HOST"] = "127.0.0.1",
            ["SYSLOG_PORT"] = _rsyslog.Port.ToString(CultureInfo.InvariantCulture),
        });

        exitCode.Should().Be(0, $"the example must run as written:\n{errors}\n{output}");
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3)
            .And.AllSatisfy(line => line.Should().StartWith("{\"status\":\"succeeded\",\"error\":null,\"packages\":[\""));
        (await File.ReadAllTextAsync(Directory.GetFiles(sftpDirectory).Should().ContainSingle().Subject, ct)).Should().Contain("198.51.100.121");
        (await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(_ftp.Root, "docs")).Should().ContainSingle().Subject, ct))
            .Should().Contain("198.51.100.121");
        var lines = await _rsyslog.WaitForAsync(l => l.Contains("feed=\"siem syslog\"", StringComparison.Ordinal), 1);
        lines.Should().ContainSingle().Which.Should().StartWith("<37>1 ", "facility 4 (auth) and severity 5 (notice)").And.Contain("198.51.100.121");
    }
}
