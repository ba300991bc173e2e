using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using Taxii.Server.Tests.Admin;
using Taxii.Testing;
using Taxii.Testing.Peers;

namespace Taxii.Server.Tests.Feeds;

/// <summary>Outgoing feeds over FTP and explicit FTPS to a real vsftpd the fixture starts on loopback.</summary>
public sealed class FtpTransportTests(TransportPublisher app, FtpServer ftp)
    : IClassFixture<TransportPublisher>, IClassFixture<FtpServer>
{
    private readonly FtpServer _ftp = ftp.Required();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FeedApi Admin => app.Admin;

    [Fact]
    public async Task A_plain_run_publishes_its_package_byte_for_byte_and_the_password_stays_hidden()
    {
        var api = Admin;
        var directory = Published("plain");
        var dataset = await api.CreateDatasetAsync("ftp source");
        await api.AddEntitiesAsync(dataset, """
            [{"type":"indicator","title":"ftp indicator","observables":[{"kind":"ipv4","value":"198.51.100.91"}]}]
            """);
        var feed = await api.CreateFeedAsync(FeedJson("ftp plain", dataset, "/plain", tlsMode: "none"));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("succeeded", run.GetProperty("error").ToString());
        var package = run.GetProperty("packages").EnumerateArray().Should().ContainSingle().Subject;
        var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories);
        files.Should().ContainSingle("the temporary name was renamed, not left beside")
            .Which.Should().EndWith("/" + package.GetProperty("fileName").GetString());
        var bytes = await File.ReadAllBytesAsync(files[0], Ct);
        Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().BeEquivalentTo(package.GetProperty("sha256").GetString(), "binary type keeps every byte");
        System.Text.Encoding.UTF8.GetString(bytes).Should().Contain("198.51.100.91");
        (await _ftp.LogAsync()).Should().Contain("RNFR /plain/.").And.Contain("RNTO /plain/" + package.GetProperty("fileName").GetString());

        var shown = await api.Client.GetStringAsync($"/api/v1/outgoing-feeds/{feed}", Ct);
        var transport = JsonDocument.Parse(shown).RootElement.GetProperty("transport");
        transport.GetProperty("hasPassword").GetBoolean().Should().BeTrue();
        transport.GetProperty("tlsMode").GetString().Should().Be("none");
        shown.Should().NotContain(_ftp.Password);
        run.ToString().Should().NotContain(_ftp.Password);
        app.Logs.Lines().Should().NotContain(l => l.Contains(_ftp.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explicit_TLS_with_the_pinned_certificate_publishes_to_a_server_that_demands_TLS()
    {
        var api = Admin;
        var directory = Published("tls");
        var dataset = await api.CreateDatasetAsync("ftps source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"ftps indicator","observables":[{"kind":"ipv4","value":"198.51.100.92"}]}]""");
        var feed = await api.CreateFeedAsync(FeedJson("ftps pinned", dataset, "/tls", port: _ftp.TlsOnlyPort, fingerprint: _ftp.CertificateFingerprint.ToLowerInvariant()));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("succeeded", run.GetProperty("error").ToString());
        var package = run.GetProperty("packages").EnumerateArray().Should().ContainSingle().Subject;
        var file = Directory.GetFiles(directory).Should().ContainSingle().Subject;
        Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file, Ct))).Should().BeEquivalentTo(package.GetProperty("sha256").GetString());
        var shown = await api.Client.GetStringAsync($"/api/v1/outgoing-feeds/{feed}", Ct);
        JsonDocument.Parse(shown).RootElement.GetProperty("transport").GetProperty("certificateFingerprint").GetString()
            .Should().Be(_ftp.CertificateFingerprint, "the pin is kept in one spelling");
    }

    [Fact]
    public async Task A_certificate_other_than_the_pinned_one_fails_the_run_naming_the_fingerprint_seen()
    {
        var api = Admin;
        var directory = Published("wrong-pin");
        var dataset = await api.CreateDatasetAsync("ftps wrong pin source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"not to be sent","observables":[{"kind":"ipv4","value":"198.51.100.93"}]}]""");
        var pinned = string.Join(':', SHA256.HashData("another server"u8).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        var feed = await api.CreateFeedAsync(FeedJson("ftps wrong pin", dataset, "/wrong-pin", port: _ftp.TlsOnlyPort, fingerprint: pinned));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().Be(
            $"The TLS certificate of ftp://127.0.0.1:{_ftp.TlsOnlyPort} has the SHA-256 fingerprint {_ftp.CertificateFingerprint}, not the pinned {pinned}; "
            + "the connection was refused. If the server's certificate was changed on purpose, pin the new fingerprint.");
        app.Logs.Lines().Should().NotContain(l => l.Contains($"Feed {feed} run") && l.Contains("failed (attempt 1)"), "a refused certificate is not retried");
        Directory.GetFiles(directory).Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_pin_the_self_signed_certificate_is_refused_by_the_system_trust()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("ftps untrusted source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"not to be sent","observables":[{"kind":"ipv4","value":"198.51.100.94"}]}]""");
        var feed = await api.CreateFeedAsync(FeedJson("ftps untrusted", dataset, "/", port: _ftp.TlsOnlyPort));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().StartWith($"The TLS certificate of ftp://127.0.0.1:{_ftp.TlsOnlyPort} (SHA-256 fingerprint {_ftp.CertificateFingerprint}) is not trusted by this system (")
            .And.Contain("RemoteCertificateChainErrors");
    }

    [Fact]
    public async Task A_wrong_password_and_a_plain_login_where_TLS_is_required_are_refused_naming_the_user()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("ftp login source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"not to be sent","observables":[{"kind":"ipv4","value":"198.51.100.95"}]}]""");
        const string wrong = "not the ftp password 7c1e";
        var feed = await api.CreateFeedAsync(FeedJson("ftp wrong password", dataset, "/", tlsMode: "none", password: wrong));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().Be(
            $"ftp://127.0.0.1:{_ftp.Port} refused the login of {_ftp.User} (530 Login incorrect.); check the username and password.");
        app.Logs.Lines().Should().NotContain(l => l.Contains(wrong, StringComparison.Ordinal));
        (await _ftp.LogAsync()).Should().NotContain(wrong, "PASS goes to the server once, which does not log it");

        feed = await api.CreateFeedAsync(FeedJson("ftp plain to tls only", dataset, "/", port: _ftp.TlsOnlyPort, tlsMode: "none"));
        run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().StartWith($"ftp://127.0.0.1:{_ftp.TlsOnlyPort} refused the login of {_ftp.User} (530 ")
            .And.Contain("encryption");
    }

    [Fact]
    public async Task A_missing_remote_directory_fails_the_run_naming_it()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("ftp missing dir source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"nowhere","observables":[{"kind":"ipv4","value":"198.51.100.96"}]}]""");
        var feed = await api.CreateFeedAsync(FeedJson("ftp missing dir", dataset, "/not-there", port: _ftp.TlsOnlyPort, fingerprint: _ftp.CertificateFingerprint));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().Be(
            $"Remote directory /not-there does not exist on ftp://127.0.0.1:{_ftp.TlsOnlyPort}, or {_ftp.User} may not enter it (550 Failed to change directory.).");
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_tried_again_then_fails_the_run_naming_the_attempts()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("ftp down source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"held back","observables":[{"kind":"ipv4","value":"198.51.100.97"}]}]""");
        var port = ServerProcess.FreeTcpPort();
        var feed = await api.CreateFeedAsync(FeedJson("ftp down", dataset, "/", port: port, tlsMode: "none"));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().StartWith($"Connecting: ftp://127.0.0.1:{port} could not be reached (")
            .And.EndWith("; gave up after 2 attempts.");
        app.Logs.Lines().Should().Contain(l => l.Contains($"Feed {feed} run") && l.Contains("failed (attempt 1)") && l.Contains("Connection refused"),
            "the first failure is logged before the retry");
    }

    [Fact]
    public async Task Bad_settings_are_refused_with_422_naming_each_field()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("ftp invalid source");
        const string secret = "ftp password of an invalid feed";
        var problem = await api.PostAsync("/api/v1/outgoing-feeds", $$$"""
            {"name":"ftp invalid","datasetIds":[{{{dataset}}}],"contentType":"csv","updateStrategy":"replace",
             "transport":{"type":"ftp","host":"bad host name!","port":0,"password":"{{{secret}}}","remoteDirectory":"relative/../dir",
                          "tlsMode":"implicit","certificateFingerprint":"SHA1:00:11"}}
            """, HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
        errors.Should().ContainKeys("transport.host", "transport.port", "transport.username", "transport.remoteDirectory",
            "transport.tlsMode", "transport.certificateFingerprint");
        errors.Should().NotContainKey("transport.password");
        problem.ToString().Should().NotContain(secret);

        problem = await api.PostAsync("/api/v1/outgoing-feeds", $$$"""
            {"name":"ftp no password","datasetIds":[{{{dataset}}}],"contentType":"csv","updateStrategy":"replace",
             "transport":{"type":"ftp","host":"127.0.0.1","username":"u","remoteDirectory":"/srv/feeds","tlsMode":"none",
                          "certificateFingerprint":"{{{_ftp.CertificateFingerprint}}}"}}
            """, HttpStatusCode.UnprocessableEntity);
        errors = problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
        errors.Should().ContainKey("transport.password");
        errors.Should().ContainKey("transport.certificateFingerprint").WhoseValue.Should().ContainSingle().Which.Should().Contain("explicit");
        errors.Should().HaveCount(2);
    }

    /// <summary>A new folder under the server's root, as the login sees <c>/name</c>.</summary>
    private string Published(string name) => Directory.CreateDirectory(Path.Combine(_ftp.Root, name)).FullName;

    private string FeedJson(string name, int dataset, string remoteDirectory, int? port = null, string? tlsMode = null, string? fingerprint = null, string? password = null) =>
        JsonSerializer.Serialize(new
        {
            name,
            datasetIds = new[] { dataset },
            contentType = "csv",
            updateStrategy = "replace",
            transport = new
            {
                type = "ftp",
                host = "127.0.0.1",
                port = port ?? _ftp.Port,
                username = _ftp.User,
                password = password ?? _ftp.Password,
                remoteDirectory,
                tlsMode,
                certificateFingerprint = fingerprint,
            },
        });
}
