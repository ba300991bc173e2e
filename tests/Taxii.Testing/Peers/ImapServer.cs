using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using MimeKit;
using Xunit;

namespace Taxii.Testing.Peers;

/// <summary>
/// A real IMAP server: Debian's Dovecot (dovecot-imapd) in the foreground (<c>dovecot -F -c</c>) with a test-only
/// config, one user (<see cref="User"/>/<see cref="Password"/>, a passwd-file), mail in maildirs under a temporary
/// folder, IMAP with STARTTLS on <see cref="Port"/> (no login before TLS) and IMAPS on <see cref="TlsPort"/>, one
/// self-signed certificate (<see cref="CertificateFingerprint"/>), on 127.0.0.1. The folder <see cref="Folder"/>
/// exists from the start. Stopped by its PID.
/// </summary>
/// <remarks>
/// Dovecot refuses mail access as UID 0, so as root the mail belongs to <c>nobody</c> (the maildirs are made writable
/// for it); Debian's <c>dovecot</c> and <c>dovenull</c> users run its internal and login processes, as in its package.
/// </remarks>
public sealed class ImapServer : IAsyncLifetime
{
    public const string Program = "/usr/sbin/dovecot";

    public const string User = "feeds";

    public const string Password = "imap password that must never show";

    public const string Folder = "Feeds";

    private const UnixFileMode Open = (UnixFileMode)0x1FF; // 0777: the mail user is not the one making the folders

    private Process? _process;
    private Task<string>? _errors;

    public string Directory { get; } = TempDirectory.Create("dovecot");

    public int Port { get; } = ServerProcess.FreeTcpPort();

    public int TlsPort { get; } = ServerProcess.FreeTcpPort();

    /// <summary>The server certificate's SHA-256 fingerprint as <c>openssl x509 -noout -fingerprint -sha256</c> prints it (after the <c>=</c>).</summary>
    public string CertificateFingerprint { get; private set; } = "";

    private string MailRoot => Path.Combine(Directory, "mail");

    /// <summary>Why the server could not start on this machine, or null when it runs.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>This server, for a test class's constructor: skips the class's tests when it could not start (fails under CI=true).</summary>
    public ImapServer Required()
    {
        ForegroundServer.Require(Unavailable);
        return this;
    }

    public async ValueTask InitializeAsync()
    {
        Unavailable = ForegroundServer.Missing(Program, "dovecot-imapd");
        if (Unavailable is not null)
        {
            return;
        }

        var (certificateFile, keyFile, fingerprint) = await TestCertificates.WriteServerPemAsync(Directory);
        CertificateFingerprint = fingerprint;

        // Maildir++: the folder "Feeds" is the directory ".Feeds" beside the inbox's cur/new/tmp
        foreach (var folder in new[] { MailRoot, Path.Combine(MailRoot, User), FolderPath(Folder) })
        {
            MakeOpen(folder);
        }

        foreach (var sub in new[] { "cur", "new", "tmp" })
        {
            MakeOpen(Path.Combine(FolderPath(Folder), sub));
        }

        var (uid, gid, internalUser, loginUser) = Environment.UserName == "root"
            ? ("65534", "65534", "dovecot", "dovenull")
            : (Id("-u"), Id("-g"), Environment.UserName, Environment.UserName);
        await File.WriteAllTextAsync(Path.Combine(Directory, "users"), $"{User}:{{PLAIN}}{Password}\n");
        var config = Path.Combine(Directory, "dovecot.conf");
        await File.WriteAllTextAsync(config, $$"""
            base_dir = {{Directory}}/run
            state_dir = {{Directory}}/state
            log_path = /dev/stderr
            info_log_path = /dev/stderr
            protocols = imap
            listen = 127.0.0.1
            default_internal_user = {{internalUser}}
            default_login_user = {{loginUser}}
            first_valid_uid = 1
            ssl = yes
            ssl_cert = <{{certificateFile}}
            ssl_key = <{{keyFile}}
            {{(File.Exists("/usr/share/dovecot/dh.pem") ? "ssl_dh = </usr/share/dovecot/dh.pem" : "")}}
            disable_plaintext_auth = yes
            auth_mechanisms = plain login
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{Directory}}/users
            }
            userdb {
              driver = static
              args = uid={{uid}} gid={{gid}}
            }
            mail_location = maildir:{{MailRoot}}/%u
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port.ToString(CultureInfo.InvariantCulture)}}
              }
              inet_listener imaps {
                address = 127.0.0.1
                port = {{TlsPort.ToString(CultureInfo.InvariantCulture)}}
                ssl = yes
              }
            }
            """);
        var info = new ProcessStartInfo(Program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-F", "-c", config })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start dovecot");
        _ = _process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _errors = _process.StandardError.ReadToEndAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"dovecot did not listen on {Port}: {(_process.HasExited ? await _errors : "")}", e);
            }
        }
    }

    /// <summary>The messages in <paramref name="folder"/> (new and seen) whose <c>X-Taxii-Feed</c> header is <paramref name="feed"/>.</summary>
    public IReadOnlyList<MimeMessage> Received(string folder, string feed) =>
        [.. new[] { "new", "cur" }.Select(sub => Path.Combine(FolderPath(folder), sub)).Where(System.IO.Directory.Exists)
            .SelectMany(System.IO.Directory.GetFiles).Order(StringComparer.Ordinal)
            .Select(file => MimeMessage.Load(file))
            .Where(m => m.Headers["X-Taxii-Feed"] == feed)];

    /// <summary>What Dovecot wrote to stderr; complete once it stopped.</summary>
    public Task<string> Log => _errors ?? Task.FromResult("");

    public async ValueTask DisposeAsync() => await ForegroundServer.StopAsync(_process, Directory);

    private string FolderPath(string folder) => Path.Combine(MailRoot, User, "." + folder);

    private static void MakeOpen(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, Open);
        }
    }

    private static string Id(string option)
    {
        using var id = Process.Start(new ProcessStartInfo("id", [option]) { RedirectStandardOutput = true }) ?? throw new InvalidOperationException("could not run id");
        var output = id.StandardOutput.ReadToEnd().Trim();
        id.WaitForExit();
        return output;
    }
}
