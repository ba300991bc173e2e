using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;
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
internal sealed partial class SyslogTransport(NetworkRetries retries, TimeProvider time, ILogger<SyslogTransport> logger) : IOutgoingTransport, IDisposable
{
    private SyslogSettings? _settings;
    private long _runId = -1;
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
        LogSent(delivery.Feed.Id, delivery.Run.Id, package.Sequence, messages.Count, settings.Endpoint);
    }

    public void Dispose() => Close();

    private SyslogSettings Settings(OutgoingDelivery delivery)
    {
        if (_settings is null || _runId != delivery.Run.Id)
        {
            Close();
            _settings = SyslogSettings.From(delivery.Feed.Transport);
            _runId = delivery.Run.Id;
        }

        return _settings;
    }

    private async Task RunAsync(OutgoingDelivery delivery, string step, Func<SyslogSettings, CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var settings = Settings(delivery);
        var pipeline = retries.Pipeline(Passing, (attempt, e, delay) =>
            LogRetrying(delivery.Feed.Id, delivery.Run.Id, step, attempt, retries.Describe(e, settings.Endpoint), delay));
        try
        {
            await pipeline.ExecuteAsync(async ct =>
            {
                try
                {
                    await ConnectAsync(settings, ct);
                    await action(settings, ct);
                }
                catch (Exception e) when (e is not FeedDeliveryException)
                {
                    Close();
                    throw;
                }
            }, cancellationToken);
        }
        catch (AuthenticationException e)
        {
            throw new FeedDeliveryException($"{Capitalized(step)}: the TLS handshake with {settings.Endpoint} failed ({e.Message}); check the server certificate.", e);
        }
        catch (Exception e) when ((Passing(e) || e is TimeoutRejectedException) && !cancellationToken.IsCancellationRequested)
        {
            throw new FeedDeliveryException($"{Capitalized(step)}: {retries.Describe(e, settings.Endpoint)}; gave up after {retries.Attempts} attempts.", e);
        }
    }

    private async Task ConnectAsync(SyslogSettings settings, CancellationToken cancellationToken)
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

    /// <summary>Failures that may pass: the server down, restarting or slow, the connection broken.</summary>
    private static bool Passing(Exception e) => e is SocketException or IOException;

    private void Close()
    {
        _stream?.Dispose();
        _stream = null;
        _socket?.Dispose();
        _socket = null;
    }

    private static string Capitalized(string step) => char.ToUpperInvariant(step[0]) + step[1..];

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId} run {RunId}: package {Sequence} sent as {MessageCount} syslog messages to {Endpoint}")]
    private partial void LogSent(int feedId, long runId, int sequence, int messageCount, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedId} run {RunId}: syslog {Step} failed (attempt {Attempt}): {Reason}; next attempt in {Delay}")]
    private partial void LogRetrying(int feedId, long runId, string step, int attempt, string reason, TimeSpan delay);
}
