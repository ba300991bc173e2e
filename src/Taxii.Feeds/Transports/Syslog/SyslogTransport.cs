using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Logging;
using Taxii.Core.Feeds;

namespace Taxii.Feeds.Transports.Syslog;

/// <summary>
/// Sends one RFC 5424 message per published item (a CSV record or a plain-text line) to a syslog server: over UDP
/// (one datagram each, RFC 5426), TCP with octet counting (RFC 6587) or TLS (RFC 5425, same framing).
/// </summary>
/// <remarks>
/// Scoped: one connection per run. A package's messages are built, and checked against the size limit, before any is
/// sent. Connection failures and timeouts are retried through <see cref="NetworkRetries"/> on a new connection, with
/// the whole package again: the receiver may then get some of its items twice (syslog has no acknowledgement to do
/// better with).
/// </remarks>
internal sealed partial class SyslogTransport(NetworkRetries retries, TimeProvider time, ILogger<SyslogTransport> logger)
    : ConnectedTransport<SyslogSettings>(retries, logger), IOutgoingTransport
{
    private Socket? _socket;
    private Stream? _stream;

    public OutgoingTransportType Type => OutgoingTransportType.Syslog;

    public bool KeepsContent => false;

    public bool Carries(FeedContentType contentType) => contentType is FeedContentType.Csv or FeedContentType.PlainText;

    public async Task BeginAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await RunAsync(delivery, "connecting", (_, _) => Task.CompletedTask, cancellationToken);
    }

    public async Task DeliverAsync(OutgoingDelivery delivery, FeedPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(package);
        var settings = Settings(delivery);
        var messages = SyslogMessages.Build(delivery, package, settings, time.GetUtcNow());
        await RunAsync(delivery, $"package {package.Sequence}", async (_, ct) =>
        {
            foreach (var message in messages)
            {
                if (_stream is { } stream)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " "), ct);
                    await stream.WriteAsync(message, ct);
                }
                else if (_socket is { } socket)
                {
                    await socket.SendAsync(message, SocketFlags.None, ct);
                }
            }

            if (_stream is { } written)
            {
                await written.FlushAsync(ct);
            }
        }, cancellationToken);
        LogSent(Logger, delivery.Feed.Id, delivery.Run.Id, package.Sequence, messages.Count, settings.Endpoint);
    }

    protected override string Protocol => "syslog";

    protected override SyslogSettings ReadSettings(OutgoingDelivery delivery) => SyslogSettings.From(delivery.Feed.Transport);

    protected override FeedDeliveryException? Refusal(Exception failure, string step, SyslogSettings settings) => failure is AuthenticationException
        ? new FeedDeliveryException($"{step}: the TLS handshake with {settings.Endpoint} failed ({failure.Message}); check the server certificate.", failure)
        : null;

    protected override async Task ConnectAsync(SyslogSettings settings, CancellationToken cancellationToken)
    {
        if (_socket is not null)
        {
            return;
        }

        var udp = settings.Protocol == SyslogSettings.Udp;
        var socket = new Socket(udp ? SocketType.Dgram : SocketType.Stream, udp ? ProtocolType.Udp : ProtocolType.Tcp);
        _socket = socket;
        await socket.ConnectAsync(settings.Host, settings.Port, cancellationToken);
        if (udp)
        {
            return;
        }

        Stream stream = new NetworkStream(socket, ownsSocket: false);
        if (settings.Protocol == SyslogSettings.Tls)
        {
            var tls = new SslStream(stream, leaveInnerStreamOpen: false);
            stream = tls;
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = settings.Host,
                RemoteCertificateValidationCallback = (_, _, _, errors) => !settings.VerifyTls || errors == SslPolicyErrors.None,
            }, cancellationToken);
        }

        _stream = stream;
    }

    /// <inheritdoc />
    protected override bool Passing(Exception failure) => failure is SocketException or IOException;

    protected override void Close()
    {
        _stream?.Dispose();
        _stream = null;
        _socket?.Dispose();
        _socket = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId} run {RunId}: package {Sequence} sent as {MessageCount} syslog messages to {Endpoint}")]
    private static partial void LogSent(ILogger logger, int feedId, long runId, int sequence, int messageCount, string endpoint);
}
