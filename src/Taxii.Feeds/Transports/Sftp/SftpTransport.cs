using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
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
    ILogger<SftpTransport> logger) : IOutgoingTransport, IDisposable
{
    private SftpClient? _client;
    private SftpSettings? _settings;
    private long _runId = -1;
    private string? _refusedKey;

    public OutgoingTransportType Type => OutgoingTransportType.Sftp;

    public bool KeepsContent => false;

    public bool Carries(FeedContentType contentType) => true;

    public async Task BeginAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = Settings(delivery);
        await RunAsync(delivery, "connecting", async (client, ct) =>
        {
            if (!await client.ExistsAsync(settings.RemoteDirectory, ct))
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
        var name = RemoteFileName(package);
        var directory = settings.RemoteDirectory == "/" ? "" : settings.RemoteDirectory;
        var final = $"{directory}/{name}";
        await RunAsync(delivery, $"package {package.Sequence}", async (client, ct) =>
        {
            if (await client.ExistsAsync(final, ct))
            {
                throw new FeedDeliveryException($"Package {package.Sequence}: {final} already exists on {settings.Endpoint}; it is not replaced.");
            }

            // a new temporary name per attempt: a broken attempt may leave its file behind
            var temporary = $"{directory}/.{name}.{Guid.NewGuid():N}.tmp";
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
        LogUploaded(delivery.Feed.Id, delivery.Run.Id, package.Sequence, settings.Endpoint, final, package.Content.Length);
    }

    public void Dispose() => Close();

    private SftpSettings Settings(OutgoingDelivery delivery)
    {
        if (_settings is null || _runId != delivery.Run.Id)
        {
            Close();
            _settings = SftpSettings.From(delivery.Feed.Transport, secrets);
            _runId = delivery.Run.Id;
        }

        return _settings;
    }

    /// <summary>Runs one step on a connected client, with the pipeline's retries; any failure becomes a run error.</summary>
    private async Task RunAsync(OutgoingDelivery delivery, string step, Func<SftpClient, CancellationToken, Task> action, CancellationToken cancellationToken)
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
                    await action(await ConnectedAsync(settings, ct), ct);
                }
                catch (Exception e) when (e is not FeedDeliveryException)
                {
                    // the connection may be broken halfway; the next attempt starts on a new one
                    Close();
                    throw;
                }
            }, cancellationToken);
        }
        catch (Exception e) when (_refusedKey is { } seen && e is not OperationCanceledException)
        {
            throw new FeedDeliveryException(
                $"The host key of {settings.Endpoint} is {seen}, not the pinned {settings.HostKeyFingerprint}; the connection was refused. If the server's key was changed on purpose, pin the new fingerprint.", e);
        }
        catch (SshAuthenticationException e)
        {
            throw new FeedDeliveryException($"{settings.Endpoint} refused the login of {settings.Username} ({e.Message}); check the password or private key.", e);
        }
        catch (SftpPermissionDeniedException e)
        {
            throw new FeedDeliveryException($"{Capitalized(step)}: {settings.Endpoint} denied {settings.Username} access to {settings.RemoteDirectory} ({e.Message}).", e);
        }
        catch (SftpPathNotFoundException e)
        {
            throw new FeedDeliveryException($"{Capitalized(step)}: {settings.RemoteDirectory} was not found on {settings.Endpoint} ({e.Message}).", e);
        }
        catch (Exception e) when ((Passing(e) || e is TimeoutRejectedException) && !cancellationToken.IsCancellationRequested)
        {
            throw new FeedDeliveryException($"{Capitalized(step)}: {retries.Describe(e, settings.Endpoint)}; gave up after {retries.Attempts} attempts.", e);
        }
        catch (SshException e)
        {
            throw new FeedDeliveryException($"{Capitalized(step)}: {settings.Endpoint} answered an error ({e.Message}).", e);
        }
    }

    private async Task<SftpClient> ConnectedAsync(SftpSettings settings, CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } open)
        {
            return open;
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
        LogConnected(settings.Endpoint, settings.Username, settings.HostKeyFingerprint);
        return client;
    }

    /// <summary>Failures that may pass: the server down, restarting or slow, the connection broken.</summary>
    private bool Passing(Exception e) => _refusedKey is null && e is SocketException or SshConnectionException or SshOperationTimeoutException or IOException or ProxyException;

    private void Close()
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

    /// <summary>Only the file name part of the package's name, without separators, control characters or dot names.</summary>
    private static string RemoteFileName(FeedPackage package)
    {
        var name = package.FileName[(package.FileName.LastIndexOfAny(['/', '\\']) + 1)..];
        name = string.Concat(name.Where(c => !char.IsControl(c))).Trim();
        return name is "" or "." or ".."
            ? throw new FeedDeliveryException($"Package {package.Sequence} has no usable file name.")
            : name;
    }

    private static string Capitalized(string step) => char.ToUpperInvariant(step[0]) + step[1..];

    [LoggerMessage(Level = LogLevel.Information, Message = "SFTP: connected to {Endpoint} as {Username}, host key {Fingerprint}")]
    private partial void LogConnected(string endpoint, string username, string fingerprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId} run {RunId}: package {Sequence} uploaded to {Endpoint} as {Path} ({Size} bytes)")]
    private partial void LogUploaded(int feedId, long runId, int sequence, string endpoint, string path, int size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedId} run {RunId}: SFTP {Step} failed (attempt {Attempt}): {Reason}; next attempt in {Delay}")]
    private partial void LogRetrying(int feedId, long runId, string step, int attempt, string reason, TimeSpan delay);
}
