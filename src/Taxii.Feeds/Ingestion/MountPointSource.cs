using System.IO.Enumeration;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Taxii.Core.Feeds;
using Taxii.Core.Settings;
using Taxii.Persistence;

namespace Taxii.Feeds.Ingestion;

/// <summary>
/// Reads the files of a whitelisted directory (<c>Taxii:MountPoints:PollAllowedDirectories</c>), in path order, each as
/// one package. Files are only ever read: never moved, modified or deleted, so another system may own the directory. A
/// file is remembered by path, size and SHA-256 once read, and skipped while it stays the same; a changed file is read
/// again. Hidden files (<c>.name</c>, such as the temporary files of the outgoing mount-point transport) are skipped.
/// </summary>
public sealed partial class MountPointSource(
    TaxiiDbContext db,
    IOptionsMonitor<MountPointOptions> options,
    TimeProvider time,
    ILogger<MountPointSource> logger) : IIncomingSource
{
    public IncomingTransportType Type => IncomingTransportType.MountPoint;

    public bool ArrivesDuringRuns => false;

    public async Task FetchAsync(IncomingFetch fetch, CancellationToken cancellationToken)
    {
        var feed = fetch.Feed;
        var mountPoints = options.CurrentValue;
        var configured = feed.Transport.Directory;
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new IncomingSourceException("the feed has no directory to read");
        }

        if (!mountPoints.TryResolvePollPath(configured, out var directory))
        {
            throw new IncomingSourceException($"directory {configured} is not under Taxii:MountPoints:PollAllowedDirectories");
        }

        if (!Directory.Exists(directory))
        {
            throw new IncomingSourceException($"directory {configured} does not exist (or is not a directory)");
        }

        var pattern = string.IsNullOrWhiteSpace(feed.Transport.FilePattern) ? "*" : feed.Transport.FilePattern.Trim();
        if (pattern.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new IncomingSourceException($"file pattern '{pattern}' must match file names (such as *.xml), not paths");
        }

        foreach (var path in Enumerate(directory, pattern, feed.Transport.Recursive))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await ReadFileAsync(fetch, mountPoints, path, cancellationToken);
        }
    }

    /// <summary>
    /// The matching files, sorted by path (ordinal) so runs read them in a stable order. Links to directories are not
    /// followed (a link to a parent would loop); links to files are listed, and checked against the whitelist when read.
    /// </summary>
    private static List<string> Enumerate(string directory, string pattern, bool recursive)
    {
        var enumeration = new EnumerationOptions { RecurseSubdirectories = recursive, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        var files = new FileSystemEnumerable<string>(directory, (ref entry) => entry.ToFullPath(), enumeration)
        {
            ShouldIncludePredicate = (ref entry) => !entry.IsDirectory && !entry.FileName.StartsWith('.')
                && FileSystemName.MatchesSimpleExpression(pattern, entry.FileName, ignoreCase: !OperatingSystem.IsLinux()),
            ShouldRecursePredicate = (ref entry) => !entry.FileName.StartsWith('.') && (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        }.ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private async Task ReadFileAsync(IncomingFetch fetch, MountPointOptions mountPoints, string path, CancellationToken cancellationToken)
    {
        // the directory was resolved, but a file (or a directory below it) may be a link leading elsewhere
        if (!mountPoints.TryResolvePollPath(path, out var resolved))
        {
            LogOutside(fetch.Feed.Name, path);
            IncomingFeedRunner.Count(fetch.Run, path, new PackageResult(PackageOutcome.Failed,
                "the file resolves outside Taxii:MountPoints:PollAllowedDirectories (a symbolic link?); it was not read"));
            return;
        }

        var info = new FileInfo(resolved);
        if (!info.Exists)
        {
            return; // removed since it was listed, or a link to nothing
        }

        var feedId = fetch.Feed.Id;
        var size = info.Length;
        var known = await db.MountPointFiles.AsNoTracking().Where(f => f.FeedId == feedId && f.Path == path && f.Size == size)
            .Select(f => f.Sha256).ToListAsync(cancellationToken);
        if (known.Count > 0)
        {
            var current = await HashAsync(resolved, cancellationToken);
            if (known.Any(k => k.AsSpan().SequenceEqual(current)))
            {
                return;
            }
        }

        HashingStream? opened = null;
        var package = new IncomingPackage(path, Binding(fetch.Feed, path), size, _ =>
        {
            opened = new HashingStream(OpenRead(resolved));
            return Task.FromResult<Stream>(opened);
        });
        await fetch.IngestAsync(package, cancellationToken);

        // what is remembered is what the pipeline read (the file may have changed since it was listed); a file refused
        // unread (too large) is not remembered, so it is reported again until it is removed or the limit raised
        if (opened?.Sha256 is { } sha256)
        {
            var read = opened.BytesRead;
            if (!await db.MountPointFiles.AnyAsync(f => f.FeedId == feedId && f.Path == path && f.Size == read && f.Sha256 == sha256, cancellationToken))
            {
                // saved with a later batch or at the run's end: after the package is stored, never before
                db.MountPointFiles.Add(new MountPointFile { FeedId = feedId, Path = path, Size = read, Sha256 = sha256, ReadAt = time.GetUtcNow() });
            }
        }
    }

    /// <summary>Null when the feed's content type decides; otherwise what the file's extension says, if anything.</summary>
    private static string? Binding(IncomingFeed feed, string path) => feed.ContentType is not null ? null
        : Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".xml" => "urn:stix.mitre.org:xml:1.2",
            ".json" => "urn:eclecticiq.com:json:1.0",
            ".csv" => "text/csv",
            ".txt" => "text/plain",
            _ => null,
        };

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private static async Task<byte[]> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = OpenRead(path);
        return await SHA256.HashDataAsync(stream, cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Incoming feed {Feed}: {Path} resolves outside the poll whitelist; not read")]
    private partial void LogOutside(string feed, string path);
}
