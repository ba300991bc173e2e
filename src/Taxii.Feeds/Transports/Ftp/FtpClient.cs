using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Taxii.Feeds.Transports.Ftp;

/// <summary>
/// The one class that speaks FTP (RFC 959) and explicit FTPS (RFC 4217): one control connection, passive data
/// connections, binary type, and only the commands an upload needs (CWD, SIZE, STOR, RNFR/RNTO, DELE). Everything
/// FTP-specific the transport uses goes through here, so another client can take its place.
/// </summary>
/// <remarks>
/// <para>Why not the runtime's <c>FtpWebRequest</c> (obsolete, SYSLIB0014, but still shipped), as issue 20 proposed:
/// it closes a TLS data connection without a TLS close_notify, and servers built on OpenSSL 3 (Debian 12's vsftpd)
/// then answer every FTPS upload with "426 Failure reading network stream" and keep an empty file; it also checks
/// server certificates only through the process-wide
/// <c>ServicePointManager.ServerCertificateValidationCallback</c>, and opens a new connection and login per command.
/// Here the certificate check belongs to the connection, and a TLS data connection is shut down cleanly.</para>
/// <para>Passive mode connects to the control connection's peer address and ignores the address in the 227 reply, as
/// the runtime's client does: a server behind NAT that misreports it still works, and a reply cannot point the data
/// connection at another host. Paths are sent as given (absolute, checked for control characters by the caller and
/// again here, since a line break would end the command).</para>
/// </remarks>
internal sealed class FtpClient(FtpSettings settings) : IDisposable
{
    private static readonly TimeSpan QuitGrace = TimeSpan.FromSeconds(2);

    private Socket? _socket;
    private Stream? _control;
    private bool _broken;

    /// <summary>The server's certificate, when the check refused it: its SHA-256 fingerprint and why.</summary>
    public (string Fingerprint, SslPolicyErrors Errors)? RefusedCertificate { get; private set; }

    public bool IsConnected => _control is not null && !_broken;

    /// <summary>Connects, upgrades to TLS when asked (<c>AUTH TLS</c>), logs in, and sets binary type.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        _socket = socket;
        await socket.ConnectAsync(settings.Host, settings.Port, cancellationToken);
        _control = new NetworkStream(socket, ownsSocket: false);
        var greeting = await ReadReplyAsync(cancellationToken);
        while (greeting.Code == 120)
        {
            // "service ready in nnn minutes": the 220 follows on the same connection
            greeting = await ReadReplyAsync(cancellationToken);
        }

        Expect(greeting, "connecting", 220);
        if (settings.UsesTls)
        {
            await CommandAsync("AUTH TLS", cancellationToken, 234);
            _control = await SecureAsync(_control, cancellationToken);
        }

        var user = await CommandAsync("USER " + Line(settings.Username), "USER " + settings.Username, cancellationToken, 230, 331);
        if (user.Code == 331)
        {
            await CommandAsync("PASS " + Line(settings.Password), "PASS", cancellationToken, 230, 202);
        }

        if (settings.UsesTls)
        {
            await CommandAsync("PBSZ 0", cancellationToken, 200);
            await CommandAsync("PROT P", cancellationToken, 200);
        }

        await CommandAsync("TYPE I", cancellationToken, 200);
    }

    public Task ChangeDirectoryAsync(string path, CancellationToken cancellationToken) =>
        CommandAsync("CWD " + Line(path), cancellationToken, 250, 200);

    /// <summary>Whether a file is there: SIZE answered 213 (yes) or 550 (no such file); other answers throw.</summary>
    public async Task<bool> FileExistsAsync(string path, CancellationToken cancellationToken)
    {
        var reply = await SendAsync("SIZE " + Line(path), cancellationToken);
        return reply.Code switch
        {
            213 => true,
            550 => false,
            _ => throw Error(reply, "SIZE " + path),
        };
    }

    /// <summary>STOR over a passive data connection (TLS-protected with <c>PROT P</c>), closed cleanly before the server's 226.</summary>
    public async Task UploadAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var data = await OpenDataAsync(cancellationToken);
        var command = "STOR " + Line(path);
        Expect(await SendAsync(command, cancellationToken), command, 150, 125);
        var plain = new NetworkStream(data, ownsSocket: false);
        var tls = settings.UsesTls ? await SecureAsync(plain, cancellationToken) : null;
        await using (plain)
        await using (tls)
        {
            await ((Stream?)tls ?? plain).WriteAsync(content, cancellationToken);
            if (tls is not null)
            {
                // the close_notify tells the server the file is whole (OpenSSL 3 servers refuse a bare end of stream)
                await tls.ShutdownAsync();
            }

            data.Shutdown(SocketShutdown.Send);
        }

        Expect(await ReadReplyAsync(cancellationToken), command, 226, 250);
    }

    /// <summary>RNFR and RNTO; most servers replace an existing target, so the caller checks for one first.</summary>
    public async Task RenameAsync(string from, string to, CancellationToken cancellationToken)
    {
        await CommandAsync("RNFR " + Line(from), cancellationToken, 350);
        await CommandAsync("RNTO " + Line(to), cancellationToken, 250);
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        CommandAsync("DELE " + Line(path), cancellationToken, 250);

    /// <summary>Says QUIT on a healthy connection (without waiting for the answer), then closes.</summary>
    public void Dispose()
    {
        if (IsConnected && _control is { } control && _socket is { } socket)
        {
            try
            {
                // a few bytes into the socket's send buffer: this does not wait on the server
                socket.SendTimeout = (int)QuitGrace.TotalMilliseconds;
                control.Write("QUIT\r\n"u8);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // the server times idle connections out anyway
            }
        }

        _broken = true;
        _control?.Dispose();
        _control = null;
        _socket?.Dispose();
        _socket = null;
    }

    private async Task<SslStream> SecureAsync(Stream inner, CancellationToken cancellationToken)
    {
        var tls = new SslStream(inner, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = settings.Host,
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => Check(certificate, errors),
        }, cancellationToken);
        return tls;
    }

    /// <summary>A pinned certificate must be that one (its chain and name do not matter then); otherwise the system's trust decides.</summary>
    private bool Check(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            RefusedCertificate = ("none", errors);
            return false;
        }

        var seen = FtpSettings.Format(certificate.GetCertHash(HashAlgorithmName.SHA256));
        var trusted = settings.CertificateFingerprint is { } pinned ? string.Equals(seen, pinned, StringComparison.Ordinal) : errors == SslPolicyErrors.None;
        RefusedCertificate = trusted ? null : (seen, errors);
        return trusted;
    }

    private async Task<Socket> OpenDataAsync(CancellationToken cancellationToken)
    {
        var peer = (IPEndPoint)(Socket.RemoteEndPoint ?? throw new IOException("The control connection has no peer."));
        var address = peer.Address.IsIPv4MappedToIPv6 ? peer.Address.MapToIPv4() : peer.Address;
        var ipv4 = address.AddressFamily == AddressFamily.InterNetwork;
        var reply = await SendAsync(ipv4 ? "PASV" : "EPSV", cancellationToken);
        Expect(reply, ipv4 ? "PASV" : "EPSV", ipv4 ? 227 : 229);
        var port = ipv4 ? PasvPort(reply.Text) : EpsvPort(reply.Text);
        var data = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await data.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
            return data;
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>"227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)": the port is p1 × 256 + p2.</summary>
    private static int PasvPort(string reply)
    {
        var open = reply.IndexOf('(', StringComparison.Ordinal);
        var close = reply.IndexOf(')', open + 1);
        var numbers = open >= 0 && close > open ? reply[(open + 1)..close].Split(',') : [];
        return numbers.Length == 6
            && int.TryParse(numbers[4], NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            && int.TryParse(numbers[5], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            && high is >= 0 and < 256 && low is >= 0 and < 256 && high * 256 + low > 0
                ? high * 256 + low
                : throw new IOException($"The server's passive mode reply has no port: {reply}");
    }

    /// <summary>"229 Entering Extended Passive Mode (|||port|)" (RFC 2428).</summary>
    private static int EpsvPort(string reply)
    {
        var parts = reply.Split('|');
        return parts.Length >= 5 && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new IOException($"The server's extended passive mode reply has no port: {reply}");
    }

    private Socket Socket => _socket ?? throw new InvalidOperationException("Not connected.");

    private Task<Reply> CommandAsync(string command, CancellationToken cancellationToken, params int[] expected) =>
        CommandAsync(command, command, cancellationToken, expected);

    /// <param name="shown">The command as errors show it (no password).</param>
    private async Task<Reply> CommandAsync(string command, string shown, CancellationToken cancellationToken, params int[] expected)
    {
        var reply = await SendAsync(command, cancellationToken);
        Expect(reply, shown, expected);
        return reply;
    }

    private async Task<Reply> SendAsync(string command, CancellationToken cancellationToken)
    {
        var control = _control ?? throw new InvalidOperationException("Not connected.");
        try
        {
            await control.WriteAsync(Encoding.UTF8.GetBytes(command + "\r\n"), cancellationToken);
            await control.FlushAsync(cancellationToken);
        }
        catch
        {
            _broken = true;
            throw;
        }

        return await ReadReplyAsync(cancellationToken);
    }

    /// <summary>One reply: a line "ddd text", or lines from "ddd-text" to "ddd text" (RFC 959 section 4.2).</summary>
    private async Task<Reply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var line = await ReadLineAsync(cancellationToken);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code is < 100 or > 599)
            {
                throw new IOException($"The server's reply is not FTP: {Printable(line)}");
            }

            if (line.Length > 3 && line[3] == '-')
            {
                var end = line[..3] + " ";
                while (!(line = await ReadLineAsync(cancellationToken)).StartsWith(end, StringComparison.Ordinal))
                {
                }
            }

            if (code == 421)
            {
                // "service not available, closing control connection": this connection is done
                _broken = true;
            }

            return new Reply(code, Printable(line));
        }
        catch
        {
            _broken = true;
            throw;
        }
    }

    /// <summary>A CRLF-ended line; byte by byte, so nothing past the reply is read before a switch to TLS.</summary>
    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var control = _control ?? throw new InvalidOperationException("Not connected.");
        var bytes = new List<byte>(64);
        var one = new byte[1];
        while (true)
        {
            if (await control.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            if (one[0] == '\n')
            {
                return Encoding.UTF8.GetString([.. bytes]).TrimEnd('\r');
            }

            if (bytes.Count > 8192)
            {
                throw new IOException("The server's reply line is longer than 8 KiB.");
            }

            bytes.Add(one[0]);
        }
    }

    private static void Expect(Reply reply, string command, params int[] expected)
    {
        if (!expected.Contains(reply.Code))
        {
            throw Error(reply, command);
        }
    }

    private static Exception Error(Reply reply, string command) => reply.Code is >= 400
        ? new FtpReplyException(reply.Code, reply.Text, command)
        : new IOException($"{command} was answered {reply.Text}, which this client does not expect.");

    /// <summary>A path or name must not end the command line early.</summary>
    private static string Line(string value) =>
        value.Any(c => c is '\r' or '\n' or '\0') ? throw new ArgumentException("A line break or NUL cannot be sent in an FTP command.", nameof(value)) : value;

    private static string Printable(string line)
    {
        var text = string.Concat(line.Where(c => !char.IsControl(c))).Trim();
        return text.Length > 300 ? text[..300] + "…" : text;
    }

    private readonly record struct Reply(int Code, string Text);
}
