using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Renci.SshNet;
using Renci.SshNet.Common;
using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;

namespace Taxii.Feeds.Transports.Sftp;

/// <summary>
/// Uploads each package as a file into a directory on an SFTP server (SSH.NET), atomically: the file is written under a
/// hidden temporary name and renamed to its final name, so the server's readers see the whole file or none.
/// </summary>
/// <remarks>
/// <para>The server must present the host key pinned by its SHA-256 fingerprint; any other key (an unknown server, a
/// changed key, a man in the middle) ends the run at once with the fingerprint that was seen, so an operator can
/// compare it with the server's own <c>ssh-keygen -l</c>. Logins by password, private key or both.</para>
/// <para>Scoped: one SSH connection per run, opened by <see cref="BeginAsync"/> and closed with the run's scope.
/// Connection failures and timeouts are retried through <see cref="NetworkRetries"/>, on a new connection.</para>
/// <para>Package names hold the run id, so the final name is new; a file already there is not replaced (the rename of
/// SFTP version 3 refuses to), and the run fails naming it.</para>
/// </remarks>
internal sealed partial class SftpTransport(
    FeedSecrets secrets,
    NetworkRetries retries,
    IOptions<OutgoingFeedOptions> options,
    ILogger<SftpTransport> logger) : ConnectedTransport<SftpSettings>(retries, logger), IOutgoingTransport
{
    private SftpClient? _client;
    private string? _refusedKey;

    public OutgoingTransportType Type => OutgoingTransportType.Sftp;

    public bool KeepsContent => false;

    public bool Carries(FeedContentType contentType) => true;

    public async Task BeginAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await RunAsync(delivery, "connecting", async (settings, ct) =>
        {
            if (!await Client.ExistsAsync(settings.RemoteDirectory, ct))
            {
                throw new FeedDeliveryException($"Remote directory {settings.RemoteDirectory} does not exist on {settings.Endpoint}.");
            }
        }, cancellationToken);
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
            if (await client.ExistsAsync(final, ct))
            {
                throw file.AlreadyThere(package, settings.Endpoint);
            }

            var temporary = file.NewTemporary();
            try
            {
                using var content = new MemoryStream(PackageContent.ToArray(package.Content), writable: false);
                await client.UploadFileAsync(content, temporary, ct);
                await client.RenameFileAsync(temporary, final, ct);
            }
            catch (Exception) when (client.IsConnected)
            {
                await TryDeleteAsync(client, temporary);
                throw;
            }
        }, cancellationToken);
        LogUploaded(Logger, delivery.Feed.Id, delivery.Run.Id, package.Sequence, settings.Endpoint, final, package.Content.Length);
    }

    protected override string Protocol => "SFTP";

    protected override SftpSettings ReadSettings(OutgoingDelivery delivery) => SftpSettings.From(delivery.Feed.Transport, secrets);

    private SftpClient Client => _client ?? throw new InvalidOperationException("Not connected.");

    protected override FeedDeliveryException? Refusal(Exception failure, string step, SftpSettings settings) => failure switch
    {
        _ when _refusedKey is { } seen => new FeedDeliveryException(
            $"The host key of {settings.Endpoint} is {seen}, not the pinned {settings.HostKeyFingerprint}; the connection was refused. If the server's key was changed on purpose, pin the new fingerprint.", failure),
        SshAuthenticationException => new FeedDeliveryException(
            $"{settings.Endpoint} refused the login of {settings.Username} ({failure.Message}); check the password or private key.", failure),
        SftpPermissionDeniedException => new FeedDeliveryException(
            $"{step}: {settings.Endpoint} denied {settings.Username} access to {settings.RemoteDirectory} ({failure.Message}).", failure),
        SftpPathNotFoundException => new FeedDeliveryException(
            $"{step}: {settings.RemoteDirectory} was not found on {settings.Endpoint} ({failure.Message}).", failure),
        SshException when !Passing(failure) => new FeedDeliveryException(
            $"{step}: {settings.Endpoint} answered an error ({failure.Message}).", failure),
        _ => null,
    };

    protected override async Task ConnectAsync(SftpSettings settings, CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true })
        {
            return;
        }

        Close();
        var methods = new List<AuthenticationMethod>();
        if (settings.PrivateKey is { } key)
        {
            methods.Add(new PrivateKeyAuthenticationMethod(settings.Username, SftpSettings.ReadKey(key)));
        }

        if (settings.Password is { } password)
        {
            methods.Add(new PasswordAuthenticationMethod(settings.Username, password));
        }

        var client = new SftpClient(new ConnectionInfo(settings.Host, settings.Port, settings.Username, [.. methods])
        {
            Timeout = options.Value.PushTimeout,
        });
        client.OperationTimeout = options.Value.PushTimeout;
        client.HostKeyReceived += (_, e) =>
        {
            var seen = "SHA256:" + e.FingerPrintSHA256;
            e.CanTrust = string.Equals(seen, settings.HostKeyFingerprint, StringComparison.Ordinal);
            _refusedKey = e.CanTrust ? null : $"{seen} ({e.HostKeyName})";
        };
        _client = client;
        _refusedKey = null;
        await client.ConnectAsync(cancellationToken);
        LogConnected(Logger, settings.Endpoint, settings.Username, settings.HostKeyFingerprint);
    }

    /// <inheritdoc />
    protected override bool Passing(Exception failure) => _refusedKey is null && failure is SocketException or SshConnectionException or SshOperationTimeoutException or IOException or ProxyException;

    protected override void Close()
    {
        var client = _client;
        _client = null;
        client?.Dispose();
    }

    private static async Task TryDeleteAsync(SftpClient client, string path)
    {
        try
        {
            await client.DeleteFileAsync(path, CancellationToken.None);
        }
        catch (Exception e) when (e is SshException or IOException or SocketException or InvalidOperationException)
        {
            // the failure being reported matters more; a hidden .tmp is all that is left
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SFTP: connected to {Endpoint} as {Username}, host key {Fingerprint}")]
    private static partial void LogConnected(ILogger logger, string endpoint, string username, string fingerprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId} run {RunId}: package {Sequence} uploaded to {Endpoint} as {Path} ({Size} bytes)")]
    private static partial void LogUploaded(ILogger logger, int feedId, long runId, int sequence, string endpoint, string path, int size);
}
