using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Taxii.Core.Feeds;
using Taxii.Core.Settings;
using Taxii.Feeds.Transports;
using Taxii.Testing;

namespace Taxii.Feeds.Tests.Transports;

/// <summary>Real files in a whitelisted directory, with links planted where an attacker would plant them.</summary>
public sealed class MountPointTransportTests : IDisposable
{
    private const string NotWhitelisted = "is not under Taxii:MountPoints:PushAllowedDirectories";
    private readonly string _root = TempDirectory.Create("mount-points");
    private readonly string _allowed;
    private readonly string _outside;
    private readonly ServiceProvider _services;
    private readonly MountPointTransport _transport;

    public MountPointTransportTests()
    {
        _allowed = Directory.CreateDirectory(Path.Combine(_root, "allowed")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
        _services = new ServiceCollection()
            .Configure<MountPointOptions>(o => o.PushAllowedDirectories = [_allowed])
            .BuildServiceProvider();
        _transport = new MountPointTransport(_services.GetRequiredService<IOptionsMonitor<MountPointOptions>>(), NullLogger<MountPointTransport>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Packages_are_written_whole_under_their_names_and_replace_the_previous_run()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_allowed, "feed")).FullName;
        var first = Delivery(feed);
        await _transport.BeginAsync(first, Ct);
        await _transport.DeliverAsync(first, Deliveries.Stix(1, "<?xml version=\"1.0\"?>\n<old/>"), Ct);
        var second = Delivery(feed);

        await _transport.BeginAsync(second, Ct);
        await _transport.DeliverAsync(second, Deliveries.Stix(1, "<?xml version=\"1.0\"?>\n<new>ü</new>"), Ct);
        await _transport.DeliverAsync(second, Deliveries.Package(2, "list.txt", "text", "text/plain", isXml: false, "10.0.0.1\n10.0.0.2\n"), Ct);

        Directory.GetFileSystemEntries(feed).Select(Path.GetFileName).Should().BeEquivalentTo(["outgoing-1.xml", "list.txt"], "no temporary file is left");
        (await File.ReadAllTextAsync(Path.Combine(feed, "outgoing-1.xml"), Ct)).Should().Be("<?xml version=\"1.0\"?>\n<new>ü</new>", "files keep their bytes, declaration included");
        (await File.ReadAllTextAsync(Path.Combine(feed, "list.txt"), Ct)).Should().Be("10.0.0.1\n10.0.0.2\n");
    }

    [Theory]
    [InlineData("../../escape.txt")]
    [InlineData("..\\..\\escape.txt")]
    [InlineData("/etc/escape.txt")]
    public async Task Only_the_file_name_of_a_package_is_used(string name)
    {
        var delivery = Delivery(_allowed);
        await _transport.BeginAsync(delivery, Ct);

        await _transport.DeliverAsync(delivery, Deliveries.Package(1, name, "text", "text/plain", isXml: false, "x"), Ct);

        Directory.GetFileSystemEntries(_allowed).Select(Path.GetFileName).Should().Equal("escape.txt");
        Directory.GetFileSystemEntries(_root).Should().HaveCount(2, "nothing lands above the directory");
    }

    [Fact]
    public async Task A_directory_outside_the_whitelist_is_refused()
    {
        var begin = () => _transport.BeginAsync(Delivery(_outside), Ct);

        (await begin.Should().ThrowAsync<FeedDeliveryException>()).Which.Message.Should().Be($"Directory {_outside} {NotWhitelisted}.");
    }

    [Fact]
    public async Task A_dot_dot_escape_is_refused()
    {
        var begin = () => _transport.BeginAsync(Delivery(Path.Combine(_allowed, "..", "outside")), Ct);

        (await begin.Should().ThrowAsync<FeedDeliveryException>()).Which.Message.Should().EndWith(NotWhitelisted + ".");
    }

    [Fact]
    public async Task A_symlinked_directory_leading_outside_is_refused()
    {
        var link = Path.Combine(_allowed, "link");
        Directory.CreateSymbolicLink(link, _outside);

        var begin = () => _transport.BeginAsync(Delivery(link), Ct);

        (await begin.Should().ThrowAsync<FeedDeliveryException>()).Which.Message.Should().EndWith(NotWhitelisted + ".");
    }

    [Fact]
    public async Task A_directory_swapped_for_a_link_during_the_run_is_refused()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_allowed, "swapped")).FullName;
        var delivery = Delivery(feed);
        await _transport.BeginAsync(delivery, Ct);
        Directory.Move(feed, feed + "-moved");
        Directory.CreateSymbolicLink(feed, _outside);

        var deliver = () => _transport.DeliverAsync(delivery, Deliveries.Stix(1, "<a/>"), Ct);

        (await deliver.Should().ThrowAsync<FeedDeliveryException>()).Which.Message.Should().EndWith(NotWhitelisted + ".");
        Directory.GetFileSystemEntries(_outside).Should().BeEmpty();
    }

    [Fact]
    public async Task A_link_planted_under_the_file_name_is_refused_and_its_target_untouched()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_allowed, "planted")).FullName;
        var victim = Path.Combine(_outside, "victim.txt");
        await File.WriteAllTextAsync(victim, "precious", Ct);
        var delivery = Delivery(feed);
        await _transport.BeginAsync(delivery, Ct);
        File.CreateSymbolicLink(Path.Combine(feed, "outgoing-1.xml"), victim);

        var deliver = () => _transport.DeliverAsync(delivery, Deliveries.Stix(1, "<evil/>"), Ct);

        (await deliver.Should().ThrowAsync<FeedDeliveryException>()).Which.Message.Should().Contain("is a symbolic link");
        (await File.ReadAllTextAsync(victim, Ct)).Should().Be("precious");
        Directory.GetFileSystemEntries(feed).Select(Path.GetFileName).Should().Equal(["outgoing-1.xml"], "the temporary file was removed");
    }

    [Fact]
    public async Task A_missing_directory_is_created_only_when_its_parent_is_whitelisted()
    {
        var own = Path.Combine(_allowed, "new-feed");
        var deep = Path.Combine(_allowed, "missing", "new-feed");

        await _transport.BeginAsync(Delivery(own), Ct);
        var begin = () => _transport.BeginAsync(Delivery(deep), Ct);

        Directory.Exists(own).Should().BeTrue();
        (await begin.Should().ThrowAsync<FeedDeliveryException>()).Which.Message.Should().Be($"Directory {deep} does not exist.");
        Directory.Exists(Path.Combine(_allowed, "missing")).Should().BeFalse();
    }

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private static OutgoingDelivery Delivery(string directory) =>
        Deliveries.For(OutgoingTransportType.MountPoint, new OutgoingTransportSettings { Directory = directory });
}
