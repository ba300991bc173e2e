using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Xunit;

namespace Taxii.Testing.Peers;

/// <summary>
/// A real rsyslog (Debian's rsyslog) in the foreground, listening on 127.0.0.1 for TCP (octet counting or
/// newline framing, <c>imtcp</c>) and UDP (<c>imudp</c>) on one free port, writing each message it receives as it came
/// (<c>%rawmsg%</c>) as one line of <see cref="ReceivedFile"/>; its own config, work folder and PID file in a
/// temporary folder; and TLS (RFC 5425, <c>gtls</c> from rsyslog-gnutls, anonymous clients) on <see cref="TlsPort"/>
/// with a self-signed certificate for 127.0.0.1. Stopped by its PID.
/// </summary>
public sealed class RsyslogServer : IAsyncLifetime
{
    public const string Program = "/usr/sbin/rsyslogd";

    private Process? _process;

    public string Directory { get; } = TempDirectory.Create("rsyslog");

    public int Port { get; } = ServerProcess.FreeTcpPort();

    public int TlsPort { get; } = ServerProcess.FreeTcpPort();

    public string ReceivedFile => Path.Combine(Directory, "received.log");

    /// <summary>Why the server could not start on this machine, or null when it runs.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>This server, for a test class's constructor: skips the class's tests when it could not start (fails under CI=true).</summary>
    public RsyslogServer Required()
    {
        ForegroundServer.Require(Unavailable);
        return this;
    }

    public async ValueTask InitializeAsync()
    {
        Unavailable = ForegroundServer.Missing(Program, "rsyslog");
        if (Unavailable is not null)
        {
            return;
        }

        var port = Port.ToString(CultureInfo.InvariantCulture);
        var certificateFile = Path.Combine(Directory, "server.pem");
        var keyFile = Path.Combine(Directory, "server.key");
        using (var certificate = TestCertificates.Create("CN=127.0.0.1"))
        using (var key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("the test certificate has no RSA key"))
        {
            await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        }

        var config = Path.Combine(Directory, "rsyslog.conf");
        await File.WriteAllTextAsync(config, $"""
            global(workDirectory="{Directory}" DefaultNetstreamDriverCAFile="{certificateFile}"
                   DefaultNetstreamDriverCertFile="{certificateFile}" DefaultNetstreamDriverKeyFile="{keyFile}")
            module(load="imtcp")
            module(load="imudp")
            input(type="imtcp" port="{port}" address="127.0.0.1")
            input(type="imtcp" port="{TlsPort.ToString(CultureInfo.InvariantCulture)}" address="127.0.0.1"
                  streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")
            input(type="imudp" port="{port}" address="127.0.0.1")
            template(name="raw" type="string" string="%rawmsg%\n")
            *.* action(type="omfile" file="{ReceivedFile}" template="raw")
            """);
        var info = new ProcessStartInfo(Program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-n", "-f", config, "-i", Path.Combine(Directory, "rsyslogd.pid") })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start rsyslogd");
        _ = _process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = _process.StandardError.ReadToEndAsync(CancellationToken.None);
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
                throw new InvalidOperationException($"rsyslogd did not listen on {Port}: {(_process.HasExited ? await errors : "")}", e);
            }
        }
    }

    /// <summary>The received messages so far, one per line.</summary>
    public async Task<IReadOnlyList<string>> ReceivedAsync() =>
        File.Exists(ReceivedFile) ? (await File.ReadAllLinesAsync(ReceivedFile)).Where(l => l.Length > 0).ToList() : [];

    /// <summary>Waits until lines matching <paramref name="match"/> number at least <paramref name="count"/>, up to 15 s.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(Func<string, bool> match, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var lines = (await ReceivedAsync()).Where(match).ToList();
            if (lines.Count >= count || DateTime.UtcNow > deadline)
            {
                return lines;
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await ForegroundServer.StopAsync(_process, Directory);
}
