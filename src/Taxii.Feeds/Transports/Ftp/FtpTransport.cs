using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;

namespace Taxii.Feeds.Transports.Ftp;

/// <summary>
/// Uploads each package as a file into a directory on an FTP server, plain or with explicit TLS (FTPS, <c>AUTH TLS</c>),
/// atomically: the file is stored under a hidden temporary name and renamed to its final name, so the server's readers
/// see the whole file or none.
/// </summary>
/// <remarks>
/// <para>With TLS the server's certificate is checked against the system's trust, or, when a SHA-256 fingerprint is
/// pinned, must be exactly that certificate (self-signed ones included); any other ends the run at once with the
/// fingerprint that was seen. The check belongs to the run's connections only (<see cref="FtpClient"/>).</para>
/// <para>Scoped: one control connection per run, opened by <see cref="BeginAsync"/> (which also enters the remote
/// directory, so a missing one is named before anything is sent) and closed with the run's scope. Network failures,
/// timeouts and 4xx replies are retried through <see cref="NetworkRetries"/> on a new connection; 5xx replies (a
/// refused login, a missing directory, a refused file name) end the run naming the server, the user and the path.</para>
/// <para>Package names hold the run id, so the final name is new; a file already there is not replaced (RNTO would
/// replace it on most servers, so SIZE asks first), and the run fails naming it.</para>
/// </remarks>
internal sealed partial class FtpTransport(FeedSecrets secrets, NetworkRetries retries, ILogger<FtpTransport> logger)
    : ConnectedTransport<FtpSettings>(retries, logger), IOutgoingTransport
{
    private FtpClient? _client;
    private (string Fingerprint, System.Net.Security.SslPolicyErrors Errors)? _refusedCertificate;

    public OutgoingTransportType Type => OutgoingTransportType.Ftp;

    public bool KeepsContent => false;

    public bool Carries(FeedContentType contentType) => true;

    public async Task BeginAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await RunAsync(delivery, "connecting", (settings, ct) => Client.ChangeDirectoryAsync(settings.RemoteDirectory, ct), cancellationToken);
    }

    public async Task DeliverAsync(OutgoingDelivery delivery, FeedPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(package);
        var settings = Settings(delivery);
        var file = RemoteFile.For(package, settings.RemoteDirectory);
        var final = file.Final;
        await RunAsync(delivery, $"package {package.Sequence}", async (_, ct) =>
        {
            var client = Client;
            if (await client.FileExistsAsync(final, ct))
            {
                throw file.AlreadyThere(package, settings.Endpoint);
            }

            var temporary = file.NewTemporary();
            try
            {
                await client.UploadAsync(temporary, package.Content, ct);
                await client.RenameAsync(temporary, final, ct);
            }
            catch (Exception) when (client.IsConnected)
            {
                await TryDeleteAsync(client, temporary);
                throw;
            }
        }, cancellationToken);
        LogUploaded(Logger, delivery.Feed.Id, delivery.Run.Id, package.Sequence, settings.Endpoint, final, package.Content.Length);
    }

    protected override string Protocol => "FTP";

    protected override FtpSettings ReadSettings(OutgoingDelivery delivery) => FtpSettings.From(delivery.Feed.Transport, secrets);

    private FtpClient Client => _client ?? throw new InvalidOperationException("Not connected.");

    protected override FeedDeliveryException? Refusal(Exception failure, string step, FtpSettings settings) => failure switch
    {
        _ when _refusedCertificate is { } seen => new FeedDeliveryException(settings.CertificateFingerprint is { } pinned
            ? $"The TLS certificate of {settings.Endpoint} has the SHA-256 fingerprint {seen.Fingerprint}, not the pinned {pinned}; the connection was refused. If the server's certificate was changed on purpose, pin the new fingerprint."
            : $"The TLS certificate of {settings.Endpoint} (SHA-256 fingerprint {seen.Fingerprint}) is not trusted by this system ({seen.Errors}); the connection was refused. Install its issuer in the system's trust, or pin the fingerprint (transport.certificateFingerprint) once you have checked it.", failure),
        AuthenticationException => new FeedDeliveryException(
            $"{step}: the TLS handshake with {settings.Endpoint} failed ({failure.Message}).", failure),
        FtpReplyException { Code: 530 } reply => new FeedDeliveryException(
            $"{settings.Endpoint} refused the login of {settings.Username} ({reply.Reply}); check the username and password.", failure),
        FtpReplyException { IsTransient: false, Command: var command } reply when command.StartsWith("CWD ", StringComparison.Ordinal) => new FeedDeliveryException(
            $"Remote directory {settings.RemoteDirectory} does not exist on {settings.Endpoint}, or {settings.Username} may not enter it ({reply.Reply}).", failure),
        FtpReplyException { IsTransient: false } reply => new FeedDeliveryException(
            $"{step}: {settings.Endpoint} refused {reply.Command} for {settings.Username} ({reply.Reply}).", failure),
        _ => null,
    };

    protected override async Task ConnectAsync(FtpSettings settings, CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true })
        {
            return;
        }

        Close();
        var client = new FtpClient(settings);
        _client = client;
        _refusedCertificate = null;
        await client.ConnectAsync(cancellationToken);
        LogConnected(Logger, settings.Endpoint, settings.Username, settings.UsesTls ? settings.CertificateFingerprint ?? "system trust" : "none");
    }

    /// <inheritdoc />
    protected override bool Passing(Exception failure) => _refusedCertificate is null && _client?.RefusedCertificate is null
        && failure is SocketException or IOException or FtpReplyException { IsTransient: true };

    protected override void Close()
    {
        var client = _client;
        _client = null;
        // kept past the close (a failed step closes its connection before the failure is named)
        _refusedCertificate = client?.RefusedCertificate ?? _refusedCertificate;
        client?.Dispose();
    }

    private static async Task TryDeleteAsync(FtpClient client, string path)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.DeleteAsync(path, limit.Token);
        }
        catch (Exception e) when (e is FtpReplyException or IOException or SocketException or OperationCanceledException or InvalidOperationException)
        {
            // the failure being reported matters more; a hidden .tmp is all that is left
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FTP: connected to {Endpoint} as {Username}, TLS certificate check {Certificate}")]
    private static partial void LogConnected(ILogger logger, string endpoint, string username, string certificate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId} run {RunId}: package {Sequence} uploaded to {Endpoint} as {Path} ({Size} bytes)")]
    private static partial void LogUploaded(ILogger logger, int feedId, long runId, int sequence, string endpoint, string path, int size);
}
