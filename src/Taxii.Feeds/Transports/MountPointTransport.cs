using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Taxii.Core.Feeds;
using Taxii.Core.Settings;

namespace Taxii.Feeds.Transports;

/// <summary>
/// Writes each package as a file into a directory under <c>Taxii:MountPoints:PushAllowedDirectories</c>, atomically:
/// readers of the directory see either the previous file or the whole new one, never a part.
/// </summary>
/// <remarks>
/// <para>The directory must exist, except that its last level is created when its parent exists inside the whitelist
/// (so a feed can have a folder of its own without an operator making it); nothing above that is ever created.</para>
/// <para>Links: the directory is resolved (symbolic links followed, <c>..</c> collapsed) and must lie inside the
/// whitelist, at the start and again before every file. A file is written under a hidden temporary name with
/// <see cref="FileMode.CreateNew"/> (which fails on any existing entry, a link included, rather than follow it), flushed
/// to disk, and renamed over the final name; a link planted under the final name is refused (the rename would replace
/// the link itself, not write through it, but a link there means someone tampers with the directory).</para>
/// </remarks>
internal sealed partial class MountPointTransport(IOptionsMonitor<MountPointOptions> mountPoints, ILogger<MountPointTransport> logger) : IOutgoingTransport
{
    private const string Setting = "Taxii:MountPoints:PushAllowedDirectories";

    public OutgoingTransportType Type => OutgoingTransportType.MountPoint;

    public bool KeepsContent => false;

    public bool Carries(FeedContentType contentType) => true;

    public Task BeginAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var directory = Resolve(delivery);
        if (!Directory.Exists(directory))
        {
            var parent = Path.GetDirectoryName(directory);
            if (parent is null || !mountPoints.CurrentValue.TryResolvePushPath(parent, out var resolvedParent) || !Directory.Exists(resolvedParent))
            {
                throw new FeedDeliveryException($"Directory {delivery.Feed.Transport.Directory} does not exist.");
            }

            Directory.CreateDirectory(directory);
            LogCreated(delivery.Feed.Id, directory);
            Resolve(delivery); // what was just made must still resolve inside the whitelist
        }

        return Task.CompletedTask;
    }

    public async Task DeliverAsync(OutgoingDelivery delivery, FeedPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(package);
        var name = FileName(package);
        var directory = Resolve(delivery);
        if (!Directory.Exists(directory))
        {
            throw new FeedDeliveryException($"Directory {delivery.Feed.Transport.Directory} does not exist.");
        }

        var temporary = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
                PreallocationSize = package.Content.Length,
            }))
            {
                await file.WriteAsync(package.Content, cancellationToken);
                // on disk before the rename makes it visible: a crash must not leave a complete name over partial bytes
                file.Flush(flushToDisk: true);
            }

            var final = CheckedFinalPath(delivery, directory, name);
            File.Move(temporary, final, overwrite: true);
            LogWritten(delivery.Feed.Id, delivery.Run.Id, package.Sequence, final, package.Content.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FeedDeliveryException or OperationCanceledException)
        {
            TryDelete(temporary);
            if (e is FeedDeliveryException or OperationCanceledException)
            {
                throw;
            }

            throw new FeedDeliveryException($"Package {package.Sequence} could not be written as {name} into {delivery.Feed.Transport.Directory}: {e.Message}", e);
        }
    }

    /// <summary>The feed's directory, resolved; it must lie inside the whitelist.</summary>
    private string Resolve(OutgoingDelivery delivery)
    {
        var configured = delivery.Feed.Transport.Directory;
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new FeedDeliveryException("The feed names no directory to write into (Transport.Directory).");
        }

        return mountPoints.CurrentValue.TryResolvePushPath(configured, out var resolved)
            ? resolved
            : throw new FeedDeliveryException($"Directory {configured} is not under {Setting}.");
    }

    /// <summary>Right before the rename: the final path is a plain file name inside the (still whitelisted) directory.</summary>
    private string CheckedFinalPath(OutgoingDelivery delivery, string directory, string name)
    {
        if (Resolve(delivery) != directory)
        {
            throw new FeedDeliveryException($"Directory {delivery.Feed.Transport.Directory} changed while the run wrote into it (a link was replaced); nothing more is written.");
        }

        var final = Path.Combine(directory, name);
        var existing = new FileInfo(final);
        if (existing.LinkTarget is not null)
        {
            throw new FeedDeliveryException($"{name} in {delivery.Feed.Transport.Directory} is a symbolic link; it is not written through nor replaced.");
        }

        return Directory.Exists(final)
            ? throw new FeedDeliveryException($"{name} in {delivery.Feed.Transport.Directory} is a directory; it is not replaced.")
            : final;
    }

    /// <summary>Only the file name part of the package's name, without separators, control characters or dot names.</summary>
    private static string FileName(FeedPackage package)
    {
        var name = package.FileName;
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var invalid = Path.GetInvalidFileNameChars();
        name = string.Concat(name.Where(c => !char.IsControl(c) && Array.IndexOf(invalid, c) < 0)).Trim();
        return name is "" or "." or ".."
            ? throw new FeedDeliveryException($"Package {package.Sequence} has no usable file name.")
            : name;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the failure being reported matters more; a stray hidden .tmp is all that is left
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId}: created its directory {Directory}")]
    private partial void LogCreated(int feedId, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId} run {RunId}: package {Sequence} written to {Path} ({Size} bytes)")]
    private partial void LogWritten(int feedId, long runId, int sequence, string path, int size);
}
