using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using MimeKit;
using Xunit;

namespace Taxii.Testing.Peers;

/// <summary>
/// A real SMTP server: Debian's aiosmtpd (python3-aiosmtpd) in the foreground, run by a test-only script in a temporary
/// folder, storing every message it accepts into the maildir <see cref="Maildir"/> (aiosmtpd's <c>Mailbox</c> handler).
/// Three listeners on 127.0.0.1: <see cref="Port"/> plain, no login; <see cref="StartTlsPort"/> STARTTLS required, then
/// a login as <see cref="User"/>/<see cref="Password"/>; <see cref="TlsPort"/> implicit TLS with the same login. Both
/// TLS listeners present one self-signed certificate (<see cref="CertificateFingerprint"/>). Recipients at
/// <c>refused.example</c> are refused with 550. Stopped by its PID.
/// </summary>
/// <remarks>aiosmtpd's own command line takes no authenticator, hence the script (its <c>Controller</c>, one per listener).</remarks>
public sealed class SmtpServer : IAsyncLifetime
{
    public const string Python = "/usr/bin/python3";

    public const string User = "feeds";

    public const string Password = "smtp password that must never show";

    private const string Script = """
        import signal, ssl, sys, threading
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Mailbox
        from aiosmtpd.smtp import AuthResult, LoginPassword

        plain, starttls, implicit, cert, key, maildir, user, password = sys.argv[1:9]

        class Handler(Mailbox):
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address.endswith("@refused.example"):
                    return "550 5.1.1 <%s>: recipient address rejected" % address
                envelope.rcpt_tos.append(address)
                return "250 OK"

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and auth_data.password == password.encode()
            return AuthResult(success=ok, handled=False)

        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        controllers = [
            Controller(Handler(maildir), hostname="127.0.0.1", port=int(plain)),
            Controller(Handler(maildir), hostname="127.0.0.1", port=int(starttls), tls_context=context, require_starttls=True,
                       authenticator=authenticator, auth_require_tls=True),
            Controller(Handler(maildir), hostname="127.0.0.1", port=int(implicit), ssl_context=context,
                       authenticator=authenticator, auth_require_tls=False),
        ]
        for controller in controllers:
            controller.start()
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        print("ready", flush=True)
        stop.wait()
        for controller in controllers:
            controller.stop()
        """;

    private Process? _process;
    private Task<string>? _errors;

    public string Directory { get; } = TempDirectory.Create("smtpd");

    public string Maildir => Path.Combine(Directory, "maildir");

    public int Port { get; } = ServerProcess.FreeTcpPort();

    public int StartTlsPort { get; } = ServerProcess.FreeTcpPort();

    public int TlsPort { get; } = ServerProcess.FreeTcpPort();

    /// <summary>The server certificate's SHA-256 fingerprint as <c>openssl x509 -noout -fingerprint -sha256</c> prints it (after the <c>=</c>).</summary>
    public string CertificateFingerprint { get; private set; } = "";

    /// <summary>Why the server could not start on this machine, or null when it runs.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>This server, for a test class's constructor: skips the class's tests when it could not start (fails under CI=true).</summary>
    public SmtpServer Required()
    {
        ForegroundServer.Require(Unavailable);
        return this;
    }

    public async ValueTask InitializeAsync()
    {
        Unavailable = ForegroundServer.Missing("/usr/lib/python3/dist-packages/aiosmtpd", "python3-aiosmtpd");
        if (Unavailable is not null)
        {
            return;
        }

        var (certificateFile, keyFile, fingerprint) = await TestCertificates.WriteServerPemAsync(Directory);
        CertificateFingerprint = fingerprint;

        var script = Path.Combine(Directory, "smtpd.py");
        await File.WriteAllTextAsync(script, Script);
        var info = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { script, Port.ToString(CultureInfo.InvariantCulture), StartTlsPort.ToString(CultureInfo.InvariantCulture),
            TlsPort.ToString(CultureInfo.InvariantCulture), certificateFile, keyFile, Maildir, User, Password })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Python}");
        _errors = _process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await _process.StandardOutput.ReadLineAsync(ready.Token);
        if (line != "ready")
        {
            await _process.WaitForExitAsync(ready.Token);
            throw new InvalidOperationException($"aiosmtpd did not start (install Debian's python3-aiosmtpd; .ci/run does): {await _errors}");
        }

        _ = _process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        foreach (var port in new[] { Port, StartTlsPort, TlsPort })
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync("127.0.0.1", port, ready.Token);
        }
    }

    /// <summary>The messages stored so far whose <c>X-Taxii-Feed</c> header is <paramref name="feed"/>.</summary>
    public IReadOnlyList<MimeMessage> Received(string feed)
    {
        var folder = Path.Combine(Maildir, "new");
        if (!System.IO.Directory.Exists(folder))
        {
            return [];
        }

        return [.. System.IO.Directory.GetFiles(folder).Order(StringComparer.Ordinal)
            .Select(file => MimeMessage.Load(file))
            .Where(m => m.Headers["X-Taxii-Feed"] == feed)];
    }

    /// <summary>What the server wrote to stderr; complete once it stopped.</summary>
    public Task<string> Log => _errors ?? Task.FromResult("");

    public async ValueTask DisposeAsync() => await ForegroundServer.StopAsync(_process, Directory);
}
