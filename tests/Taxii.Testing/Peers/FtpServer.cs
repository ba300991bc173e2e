using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Xunit;

namespace Taxii.Testing.Peers;

/// <summary>
/// Two real vsftpd daemons (Debian's vsftpd) in the foreground on free loopback ports, sharing one chroot folder
/// (<see cref="Root"/>), one test-only login and one self-signed certificate for 127.0.0.1: on <see cref="Port"/>
/// plain FTP and explicit TLS are both taken; on <see cref="TlsOnlyPort"/> a login and its data must use TLS
/// (<c>force_local_logins_ssl</c>, <c>force_local_data_ssl</c>). Stopped by their PIDs.
/// </summary>
/// <remarks>
/// <para>The login is a vsftpd virtual user: PAM checks its password against a file in the temporary folder
/// (<c>pam_pwdfile</c> from libpam-pwdfile), and vsftpd then works as the user the tests run as (root on CI), inside
/// <see cref="Root"/>. PAM reads services only from /etc/pam.d, so the fixture writes one service file there named for
/// this instance and deletes it when it stops; no system user or password changes.</para>
/// <para>The data connection's TLS session need not resume the control connection's (<c>require_ssl_reuse=NO</c>):
/// .NET's TLS client does not resume sessions on a new connection, and vsftpd's default refuses such data connections
/// with "522 SSL connection failed: session reuse required" (docs/feeds.md says so).</para>
/// </remarks>
public sealed class FtpServer : IAsyncLifetime
{
    public const string Program = "/usr/sbin/vsftpd";

    private readonly string _pamService = "taxii-test-ftp-" + Guid.NewGuid().ToString("N")[..12];
    private Process? _process;
    private Process? _tlsOnly;

    public string Directory { get; } = TempDirectory.Create("vsftpd");

    /// <summary>The folder the login sees as "/": remote directory "/x" is <c>Path.Combine(Root, "x")</c>.</summary>
    public string Root => Path.Combine(Directory, "root");

    public int Port { get; } = ServerProcess.FreeTcpPort();

    public int TlsOnlyPort { get; } = ServerProcess.FreeTcpPort();

    public string User => "taxii-feed";

    public string Password { get; } = "ftp-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    /// <summary>The server certificate's SHA-256 fingerprint as <c>openssl x509 -fingerprint -sha256</c> prints it.</summary>
    public string CertificateFingerprint { get; private set; } = "";

    private string PamFile => Path.Combine("/etc/pam.d", _pamService);

    /// <summary>Why the server could not start on this machine, or null when it runs.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>This server, for a test class's constructor: skips the class's tests when it could not start (fails under CI=true).</summary>
    public FtpServer Required()
    {
        ForegroundServer.Require(Unavailable);
        return this;
    }

    public async ValueTask InitializeAsync()
    {
        Unavailable = ForegroundServer.Missing(Program, "vsftpd and libpam-pwdfile")
            ?? (Environment.UserName == "root" ? null : "vsftpd logs users in only when started as root (and PAM reads its services from /etc/pam.d)");
        if (Unavailable is not null)
        {
            return;
        }

        System.IO.Directory.CreateDirectory(Root);
        var empty = Path.Combine(Directory, "empty");
        System.IO.Directory.CreateDirectory(empty);
        var certificateFile = Path.Combine(Directory, "server.pem");
        var keyFile = Path.Combine(Directory, "server.key");
        using (var certificate = TestCertificates.Create("CN=127.0.0.1"))
        using (var key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("the test certificate has no RSA key"))
        {
            await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
            CertificateFingerprint = string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
        }

        var passwords = Path.Combine(Directory, "passwd");
        var hash = (await RunAsync(Password + "\n", "/usr/bin/openssl", "passwd", "-6", "-stdin")).Trim();
        await File.WriteAllTextAsync(passwords, $"{User}:{hash}\n");
        await File.WriteAllTextAsync(PamFile, $"""
            # written by the Taxii tests (FtpServer) for one vsftpd run; deleted when it stops
            auth required pam_pwdfile.so pwdfile={passwords}
            account required pam_permit.so

            """);

        _process = await StartAsync("vsftpd.conf", Port, forceTls: false, certificateFile, keyFile, empty);
        _tlsOnly = await StartAsync("vsftpd-tls-only.conf", TlsOnlyPort, forceTls: true, certificateFile, keyFile, empty);
    }

    /// <summary>What both daemons logged (commands and replies; vsftpd writes PASS without its argument).</summary>
    public async Task<string> LogAsync()
    {
        var log = Path.Combine(Directory, "vsftpd.log");
        return File.Exists(log) ? await File.ReadAllTextAsync(log) : "";
    }

    public async ValueTask DisposeAsync()
    {
        await ForegroundServer.StopAsync(_tlsOnly, Path.Combine(Directory, "tls-only"));
        File.Delete(PamFile);
        await ForegroundServer.StopAsync(_process, Directory);
    }

    private async Task<Process> StartAsync(string name, int port, bool forceTls, string certificateFile, string keyFile, string empty)
    {
        var passive = ServerProcess.FreeTcpPort();
        var config = Path.Combine(Directory, name);
        var yesNo = forceTls ? "YES" : "NO";
        await File.WriteAllTextAsync(config, $"""
            listen=YES
            listen_ipv6=NO
            background=NO
            listen_address=127.0.0.1
            listen_port={port.ToString(CultureInfo.InvariantCulture)}
            anonymous_enable=NO
            local_enable=YES
            write_enable=YES
            local_umask=022
            guest_enable=YES
            guest_username={Environment.UserName}
            virtual_use_local_privs=YES
            pam_service_name={_pamService}
            local_root={Root}
            chroot_local_user=YES
            allow_writeable_chroot=YES
            secure_chroot_dir={empty}
            seccomp_sandbox=NO
            pasv_enable=YES
            pasv_address=127.0.0.1
            pasv_min_port={passive.ToString(CultureInfo.InvariantCulture)}
            pasv_max_port={Math.Min(passive + 20, 65535).ToString(CultureInfo.InvariantCulture)}
            ssl_enable=YES
            rsa_cert_file={certificateFile}
            rsa_private_key_file={keyFile}
            force_local_logins_ssl={yesNo}
            force_local_data_ssl={yesNo}
            require_ssl_reuse=NO
            vsftpd_log_file={Path.Combine(Directory, "vsftpd.log")}
            xferlog_enable=YES
            log_ftp_protocol=YES
            """);
        var info = new ProcessStartInfo(Program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(config);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start vsftpd");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return process;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"vsftpd did not listen on {port}: {(process.HasExited ? await output + await errors : "")}", e);
            }
        }
    }

    private static async Task<string> RunAsync(string input, string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {await error}");
    }
}
