using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using Taxii.Server.Tests.Admin;
using Taxii.Testing;
using Taxii.Testing.Peers;

namespace Taxii.Server.Tests.Feeds;

/// <summary>Outgoing feeds over SFTP to a real OpenSSH <c>sshd</c> the fixture starts on loopback.</summary>
public sealed class SftpTransportTests(TransportPublisher app, SshServer sshd)
    : IClassFixture<TransportPublisher>, IClassFixture<SshServer>
{
    private readonly SshServer _sshd = sshd.Required();

    private const string Password = "sftp password that must never show";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FeedApi Admin => app.Admin;

    [Fact]
    public async Task A_run_publishes_its_package_into_the_remote_directory_and_the_secrets_stay_hidden()
    {
        var api = Admin;
        var directory = Path.Combine(_sshd.UploadDirectory, "published");
        Directory.CreateDirectory(directory);
        var dataset = await api.CreateDatasetAsync("sftp source");
        await api.AddEntitiesAsync(dataset, """
            [{"type":"indicator","title":"sftp indicator","observables":[{"kind":"ipv4","value":"198.51.100.77"}]}]
            """);
        var feed = await api.CreateFeedAsync(FeedJson("sftp published", dataset, directory, _sshd.HostKeyFingerprint));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("succeeded", run.GetProperty("error").ToString());
        var package = run.GetProperty("packages").EnumerateArray().Should().ContainSingle().Subject;
        var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories);
        files.Should().ContainSingle("the temporary name was renamed, not left beside")
            .Which.Should().EndWith("/" + package.GetProperty("fileName").GetString());
        var bytes = await File.ReadAllBytesAsync(files[0], Ct);
        Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().BeEquivalentTo(package.GetProperty("sha256").GetString());
        System.Text.Encoding.UTF8.GetString(bytes).Should().Contain("198.51.100.77");

        var shown = await api.Client.GetStringAsync($"/api/v1/outgoing-feeds/{feed}", Ct);
        var transport = JsonDocument.Parse(shown).RootElement.GetProperty("transport");
        transport.GetProperty("hasPassword").GetBoolean().Should().BeTrue();
        transport.GetProperty("hasPrivateKey").GetBoolean().Should().BeTrue();
        var keyLine = _sshd.ClientPrivateKey.Split('\n')[1];
        shown.Should().NotContain(Password).And.NotContain(keyLine);
        run.ToString().Should().NotContain(Password);
        app.Logs.Lines().Should().NotContain(l => l.Contains(Password) || l.Contains(keyLine));
    }

    [Fact]
    public async Task A_password_login_publishes_and_a_wrong_password_fails_the_run_naming_the_user()
    {
        TestSystemUser.Require();
        var api = Admin;
        var directory = Path.Combine(_sshd.UploadDirectory, "by-password");
        Directory.CreateDirectory(directory);
        // the account logging in by password is not the owner of the fixture's folders
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        }
        var dataset = await api.CreateDatasetAsync("sftp password source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"by password","observables":[{"kind":"ipv4","value":"198.51.100.81"}]}]""");
        var feed = await api.CreateFeedAsync(PasswordFeedJson("sftp by password", dataset, directory, _sshd.PasswordUserPassword));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("succeeded",
            $"{run.GetProperty("error")}; server errors: {string.Join('\n', app.Logs.Errors().Select(e => e.RenderMessage(null) + " " + e.Exception))}");
        var file = Directory.GetFiles(directory).Should().ContainSingle().Subject;
        (await File.ReadAllTextAsync(file, Ct)).Should().Contain("198.51.100.81");

        const string wrong = "not the password, and never to be shown";
        var refused = await api.CreateFeedAsync(PasswordFeedJson("sftp wrong password", dataset, directory, wrong));
        run = await api.RunAsync(refused);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().Contain($"refused the login of {_sshd.PasswordUser}");
        Directory.GetFiles(directory).Should().ContainSingle("nothing was uploaded by the refused run");
        run.ToString().Should().NotContain(wrong).And.NotContain(_sshd.PasswordUserPassword);
        app.Logs.Lines().Should().NotContain(l => l.Contains(wrong) || l.Contains(_sshd.PasswordUserPassword));
    }

    [Fact]
    public async Task A_host_key_other_than_the_pinned_one_fails_the_run_naming_the_fingerprint_seen()
    {
        var api = Admin;
        var directory = Path.Combine(_sshd.UploadDirectory, "refused");
        Directory.CreateDirectory(directory);
        var dataset = await api.CreateDatasetAsync("sftp refused source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"not to be sent","observables":[{"kind":"ipv4","value":"198.51.100.78"}]}]""");
        var pinned = "SHA256:" + Convert.ToBase64String(SHA256.HashData("another server"u8)).TrimEnd('=');
        var feed = await api.CreateFeedAsync(FeedJson("sftp refused", dataset, directory, pinned));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().Contain(_sshd.HostKeyFingerprint).And.Contain(pinned).And.Contain("refused");
        Directory.GetFiles(directory).Should().BeEmpty();
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_tried_again_then_fails_the_run_naming_the_attempts()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("sftp down source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"held back","observables":[{"kind":"ipv4","value":"198.51.100.79"}]}]""");
        var body = FeedJson("sftp down", dataset, _sshd.UploadDirectory, _sshd.HostKeyFingerprint)
            .Replace($"\"port\":{_sshd.Port}", $"\"port\":{ServerProcess.FreeTcpPort()}", StringComparison.Ordinal);
        var feed = await api.CreateFeedAsync(body);

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().Contain("could not be reached").And.Contain("gave up after 2 attempts");
        app.Logs.Lines().Should().Contain(l => l.Contains("failed (attempt 1)") && l.Contains("Connection refused"), "the first failure is logged before the retry");
    }

    [Fact]
    public async Task A_missing_remote_directory_fails_the_run_naming_it()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("sftp missing dir source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"nowhere","observables":[{"kind":"ipv4","value":"198.51.100.80"}]}]""");
        var missing = Path.Combine(_sshd.UploadDirectory, "not-there");
        var feed = await api.CreateFeedAsync(FeedJson("sftp missing dir", dataset, missing, _sshd.HostKeyFingerprint));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().Be($"Remote directory {missing} does not exist on sftp://127.0.0.1:{_sshd.Port}.");
    }

    [Fact]
    public async Task Bad_settings_are_refused_with_422_naming_each_field()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("sftp invalid source");
        var problem = await api.PostAsync("/api/v1/outgoing-feeds", $$$"""
            {"name":"sftp invalid","datasetIds":[{{{dataset}}}],"contentType":"csv","updateStrategy":"replace",
             "transport":{"type":"sftp","host":"bad host name!","port":70000,"hostKeyFingerprint":"MD5:00:11",
                          "remoteDirectory":"relative/../dir","privateKey":"not a key","password":"{{{Password}}}"}}
            """, HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
        errors.Should().ContainKeys("transport.host", "transport.port", "transport.username", "transport.hostKeyFingerprint",
            "transport.remoteDirectory", "transport.privateKey");
        problem.ToString().Should().NotContain(Password);

        problem = await api.PostAsync("/api/v1/outgoing-feeds", $$$"""
            {"name":"sftp no login","datasetIds":[{{{dataset}}}],"contentType":"csv","updateStrategy":"replace",
             "transport":{"type":"sftp","host":"127.0.0.1","username":"u","hostKeyFingerprint":"{{{_sshd.HostKeyFingerprint}}}","remoteDirectory":"/srv/feeds"}}
            """, HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!.Should().ContainKey("transport.password")
            .WhoseValue.Should().ContainSingle().Which.Should().Contain("privateKey");
    }

    private string FeedJson(string name, int dataset, string directory, string fingerprint) =>
        // the server takes the user's key only: the password is stored, offered never, and must not leak anywhere
        FeedJson(name, dataset, directory, fingerprint, _sshd.User, Password, _sshd.ClientPrivateKey);

    private string PasswordFeedJson(string name, int dataset, string directory, string password) =>
        FeedJson(name, dataset, directory, _sshd.HostKeyFingerprint, _sshd.PasswordUser!, password, privateKey: null);

    private string FeedJson(string name, int dataset, string directory, string fingerprint, string username, string password, string? privateKey) =>
        JsonSerializer.Serialize(new
        {
            name,
            datasetIds = new[] { dataset },
            contentType = "csv",
            updateStrategy = "replace",
            transport = new
            {
                type = "sftp",
                host = "127.0.0.1",
                port = _sshd.Port,
                username,
                password,
                privateKey,
                hostKeyFingerprint = fingerprint,
                remoteDirectory = directory,
            },
        });
}
