using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Feeds;
using Taxii.Persistence;
using Taxii.Testing;

namespace Taxii.Feeds.Tests.Ingestion;

/// <summary>
/// Mount-point feeds over real files and a real database. Files whose extension says nothing (<c>.dat</c>) on feeds
/// without a content type are refused by the pipeline as "content type unknown" after being read: that makes which
/// files were offered, and which were remembered, visible without any content reader.
/// </summary>
public sealed class MountPointSourceTests(MountPointSourceTests.Host app) : IClassFixture<MountPointSourceTests.Host>
{
    private const string Unknown = "the content type is unknown: set the feed's content type";
    private const string NotWhitelisted = "is not under Taxii:MountPoints:PollAllowedDirectories";
    private const string Secret = "SECRET-OUTSIDE-THE-WHITELIST 192.0.2.66";

    public sealed class Host : TaxiiAppFactory
    {
        public const long MaxBlobSize = 4096;

        public string Root { get; } = TempDirectory.Create("mount-point-source");

        public string Allowed => Path.Combine(Root, "allowed");

        public string Outside => Path.Combine(Root, "outside");

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:MountPoints:PollAllowedDirectories:0"] = Allowed,
            ["Taxii:Limits:MaxBlobSize"] = MaxBlobSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        protected override Task SeedAsync()
        {
            Directory.CreateDirectory(Allowed);
            Directory.CreateDirectory(Outside);
            File.WriteAllText(Path.Combine(Outside, "secret.dat"), Secret);
            File.WriteAllText(Path.Combine(Outside, "secret.txt"), Secret);
            return Task.CompletedTask;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Matching_files_are_offered_in_path_order_and_remembered()
    {
        var dir = NewDirectory("matching");
        await WriteAsync(dir, "b.dat", "b");
        await WriteAsync(dir, "a.dat", "a");
        await WriteAsync(dir, "c.xml", "<c/>");
        await WriteAsync(dir, ".a.dat.tmp", "being written");
        await WriteAsync(dir, "sub/d.dat", "d");
        var feed = await AddFeedAsync("matching", dir, pattern: "*.dat");

        var run = await app.RunIncomingFeedAsync(feed);

        run.Status.Should().Be(FeedRunStatus.Failed, "no package it took could be stored");
        run.Error.Should().StartWith("every package failed");
        run.Errors.Select(e => (e.Package, e.Reason)).Should().Equal((Path.Combine(dir, "a.dat"), Unknown), (Path.Combine(dir, "b.dat"), Unknown));
        (await ReadFilesAsync(feed)).Should().Equal(Path.Combine(dir, "a.dat"), Path.Combine(dir, "b.dat"));
    }

    [Fact]
    public async Task Subdirectories_are_read_when_recursive()
    {
        var dir = NewDirectory("recursive");
        await WriteAsync(dir, "top.dat", "top");
        await WriteAsync(dir, "one/two/deep.dat", "deep");
        await WriteAsync(dir, ".hidden/inside.dat", "hidden");
        var feed = await AddFeedAsync("recursive", dir, recursive: true);

        var run = await app.RunIncomingFeedAsync(feed);

        run.Errors.Select(e => e.Package).Should().Equal(Path.Combine(dir, "one", "two", "deep.dat"), Path.Combine(dir, "top.dat"));
    }

    [Fact]
    public async Task A_file_read_before_is_skipped_until_its_content_changes()
    {
        var dir = NewDirectory("reread");
        await WriteAsync(dir, "same.dat", "same");
        await WriteAsync(dir, "changing.dat", "before");
        var feed = await AddFeedAsync("reread", dir);
        (await app.RunIncomingFeedAsync(feed)).FailedPackageCount.Should().Be(2);

        var second = await app.RunIncomingFeedAsync(feed);
        await WriteAsync(dir, "changing.dat", "after!"); // the same size: only the SHA-256 tells
        var third = await app.RunIncomingFeedAsync(feed);

        second.FailedPackageCount.Should().Be(0, "nothing changed");
        second.PackageCount.Should().Be(0);
        third.Errors.Select(e => e.Package).Should().Equal(Path.Combine(dir, "changing.dat"));
        (await ReadFilesAsync(feed)).Should().BeEquivalentTo([Path.Combine(dir, "changing.dat"), Path.Combine(dir, "changing.dat"), Path.Combine(dir, "same.dat")]);
    }

    [Fact]
    public async Task A_package_the_dataset_already_holds_is_skipped_and_the_file_remembered()
    {
        var dir = NewDirectory("known");
        await WriteAsync(dir, "known.dat", "198.51.100.7\n");
        var (feed, dataset) = await AddFeedWithDatasetAsync("known", dir);
        await app.AddIngestedPackageAsync(dataset, "198.51.100.7\n"u8.ToArray());

        var run = await app.RunIncomingFeedAsync(feed);

        run.SkippedPackageCount.Should().Be(1);
        run.FailedPackageCount.Should().Be(0);
        (await ReadFilesAsync(feed)).Should().Equal(Path.Combine(dir, "known.dat"));
    }

    [Fact]
    public async Task A_file_over_MaxBlobSize_is_refused_unread_and_not_remembered()
    {
        var dir = NewDirectory("large");
        await WriteAsync(dir, "large.dat", new string('x', (int)Host.MaxBlobSize + 1));
        var feed = await AddFeedAsync("large", dir);

        var run = await app.RunIncomingFeedAsync(feed);

        run.Status.Should().Be(FeedRunStatus.Failed, "no package it took could be stored");
        run.Error.Should().StartWith("every package failed");
        run.Errors.Should().ContainSingle().Which.Reason.Should().Be($"the package is {Host.MaxBlobSize + 1} bytes, more than MaxBlobSize ({Host.MaxBlobSize} bytes) allows; it was not read");
        (await ReadFilesAsync(feed)).Should().BeEmpty("it is reported again until it is removed or the limit raised");
    }

    [Fact]
    public async Task A_directory_outside_the_whitelist_fails_the_run()
    {
        var feed = await AddFeedAsync("outside", app.Outside);

        var run = await app.RunIncomingFeedAsync(feed);

        run.Status.Should().Be(FeedRunStatus.Failed);
        run.Error.Should().Be($"directory {app.Outside} {NotWhitelisted}");
        await AssertSecretUntouchedAsync(feed);
    }

    [Fact]
    public async Task A_dot_dot_escape_fails_the_run()
    {
        var feed = await AddFeedAsync("dot-dot", Path.Combine(app.Allowed, "..", "outside"));

        var run = await app.RunIncomingFeedAsync(feed);

        run.Status.Should().Be(FeedRunStatus.Failed);
        run.Error.Should().EndWith(NotWhitelisted);
        await AssertSecretUntouchedAsync(feed);
    }

    [Fact]
    public async Task A_symlinked_directory_leading_outside_fails_the_run()
    {
        var link = Path.Combine(app.Allowed, "dir-link");
        Directory.CreateSymbolicLink(link, app.Outside);
        var feed = await AddFeedAsync("dir-link", link);

        var run = await app.RunIncomingFeedAsync(feed);

        run.Status.Should().Be(FeedRunStatus.Failed);
        run.Error.Should().EndWith(NotWhitelisted);
        await AssertSecretUntouchedAsync(feed);
    }

    [Fact]
    public async Task Links_inside_the_directory_leading_outside_are_refused_unread()
    {
        var dir = NewDirectory("planted");
        await WriteAsync(dir, "fine.dat", "fine");
        File.CreateSymbolicLink(Path.Combine(dir, "file-link.dat"), Path.Combine(app.Outside, "secret.dat"));
        Directory.CreateSymbolicLink(Path.Combine(dir, "sub-link"), app.Outside);
        var feed = await AddFeedAsync("planted", dir, recursive: true);

        var run = await app.RunIncomingFeedAsync(feed);

        run.Status.Should().Be(FeedRunStatus.Failed, "no package it took could be stored");
        run.Error.Should().StartWith("every package failed");
        run.Errors.Should().Contain(e => e.Package == Path.Combine(dir, "fine.dat") && e.Reason == Unknown);
        run.Errors.Where(e => e.Package != Path.Combine(dir, "fine.dat")).Should().NotBeEmpty()
            .And.OnlyContain(e => e.Reason == "the file resolves outside Taxii:MountPoints:PollAllowedDirectories (a symbolic link?); it was not read");
        (await ReadFilesAsync(feed)).Should().Equal(Path.Combine(dir, "fine.dat"));
        await AssertSecretUntouchedAsync(feed);
    }

    [Fact]
    public async Task A_link_looping_back_to_its_directory_is_not_followed()
    {
        var dir = NewDirectory("loop");
        await WriteAsync(dir, "sub/one.dat", "one");
        Directory.CreateSymbolicLink(Path.Combine(dir, "sub", "again"), dir);
        var feed = await AddFeedAsync("loop", dir, recursive: true);

        var run = await app.RunIncomingFeedAsync(feed);

        run.Status.Should().Be(FeedRunStatus.Failed, "no package it took could be stored");
        run.Error.Should().StartWith("every package failed");
        run.Errors.Select(e => e.Package).Should().Equal(Path.Combine(dir, "sub", "one.dat"));
    }

    [Fact]
    public async Task A_missing_directory_fails_the_run()
    {
        var missing = Path.Combine(app.Allowed, "missing");
        var feed = await AddFeedAsync("missing", missing);

        var run = await app.RunIncomingFeedAsync(feed);

        run.Status.Should().Be(FeedRunStatus.Failed);
        run.Error.Should().Be($"directory {missing} does not exist (or is not a directory)");
    }

    /// <summary>Needs the content readers (plain text): entities are stored from the files read.</summary>
    [Fact]
    public async Task Plain_text_files_become_observables()
    {
        var dir = NewDirectory("plain");
        await WriteAsync(dir, "list.txt", "198.51.100.1\n198.51.100.2\n");
        await WriteAsync(dir, "more.txt", "evil.example\n");
        var (feed, dataset) = await AddFeedWithDatasetAsync("plain", dir, contentType: FeedContentType.PlainText);

        var run = await app.RunIncomingFeedAsync(feed);

        run.Status.Should().Be(FeedRunStatus.Succeeded, run.Error);
        run.PackageCount.Should().Be(2, string.Join("; ", run.Errors.Select(e => e.Reason)));
        (await app.ObservableValuesAsync(dataset)).Should().BeEquivalentTo(["198.51.100.1", "198.51.100.2", "evil.example"]);
        (await app.RunIncomingFeedAsync(feed)).PackageCount.Should().Be(0, "the files were read");
    }

    /// <summary>Neither a package nor a file record, nor an entity, ever holds what lies outside the whitelist.</summary>
    private async Task AssertSecretUntouchedAsync(int feedId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var secret = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Secret));
        (await db.MountPointFiles.AnyAsync(f => f.Sha256 == secret || f.Path.Contains("secret"), Ct)).Should().BeFalse();
        (await db.IngestedPackages.AnyAsync(p => p.Sha256 == secret, Ct)).Should().BeFalse();
        (await db.Observables.AnyAsync(o => o.Value.Contains("192.0.2.66"), Ct)).Should().BeFalse();
        (await db.MountPointFiles.AnyAsync(f => f.FeedId == feedId && !f.Path.StartsWith(app.Allowed), Ct)).Should().BeFalse();
    }

    private string NewDirectory(string name) => Directory.CreateDirectory(Path.Combine(app.Allowed, name)).FullName;

    private static async Task WriteAsync(string dir, string relative, string content)
    {
        var path = Path.Combine(dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path) ?? dir);
        await File.WriteAllTextAsync(path, content, Ct);
    }

    private async Task<int> AddFeedAsync(string name, string directory, string? pattern = null, bool recursive = false) =>
        (await AddFeedWithDatasetAsync(name, directory, pattern, recursive)).Feed;

    private async Task<(int Feed, int Dataset)> AddFeedWithDatasetAsync(
        string name, string directory, string? pattern = null, bool recursive = false, FeedContentType? contentType = null)
    {
        var dataset = await app.AddDatasetAsync($"mount-point {name}");
        var feed = await app.AddIncomingFeedAsync(new IncomingFeed
        {
            Name = $"mount-point {name}",
            DatasetId = dataset,
            TransportType = IncomingTransportType.MountPoint,
            ContentType = contentType,
            Transport = new IncomingTransportSettings { Directory = directory, FilePattern = pattern, Recursive = recursive },
        });
        return (feed, dataset);
    }

    private async Task<List<string>> ReadFilesAsync(int feedId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        return await db.MountPointFiles.AsNoTracking().Where(f => f.FeedId == feedId).OrderBy(f => f.Id).Select(f => f.Path).ToListAsync(Ct);
    }
}
