using FluentAssertions;
using Taxii.Core.Settings;

namespace Taxii.Core.Tests.Settings;

public sealed class WhitelistedPathTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("taxii-whitelist-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Paths_inside_an_allowed_directory_resolve()
    {
        var allowed = Directory.CreateDirectory(Path.Combine(_root, "push")).FullName;
        var options = new MountPointOptions { PushAllowedDirectories = [allowed] };

        options.TryResolvePushPath(Path.Combine(allowed, "feed", "out.xml"), out var full).Should().BeTrue();
        full.Should().Be(Path.Combine(allowed, "feed", "out.xml"));
        options.TryResolvePushPath(allowed, out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("../outside.xml")]
    [InlineData("sub/../../outside.xml")]
    public void Dot_dot_segments_cannot_leave_the_directory(string relative)
    {
        var allowed = Directory.CreateDirectory(Path.Combine(_root, "push")).FullName;
        var options = new MountPointOptions { PushAllowedDirectories = [allowed] };

        options.TryResolvePushPath(allowed + "/" + relative, out var full).Should().BeFalse();
        full.Should().BeNull();
    }

    [Fact]
    public void A_sibling_with_the_same_prefix_is_not_inside()
    {
        var allowed = Directory.CreateDirectory(Path.Combine(_root, "push")).FullName;
        Directory.CreateDirectory(Path.Combine(_root, "push-evil"));
        var options = new MountPointOptions { PushAllowedDirectories = [allowed] };

        options.TryResolvePushPath(Path.Combine(_root, "push-evil", "x"), out _).Should().BeFalse();
    }

    [Fact]
    public void A_symlink_inside_that_points_outside_is_refused()
    {
        var allowed = Directory.CreateDirectory(Path.Combine(_root, "poll")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(_root, "secret")).FullName;
        File.WriteAllText(Path.Combine(outside, "key"), "secret");
        Directory.CreateSymbolicLink(Path.Combine(allowed, "escape"), outside);
        File.CreateSymbolicLink(Path.Combine(allowed, "key-link"), Path.Combine(outside, "key"));
        var options = new MountPointOptions { PollAllowedDirectories = [allowed] };

        options.TryResolvePollPath(Path.Combine(allowed, "escape", "key"), out _).Should().BeFalse();
        options.TryResolvePollPath(Path.Combine(allowed, "key-link"), out _).Should().BeFalse();
    }

    [Fact]
    public void An_allowed_directory_reached_through_a_symlink_still_works()
    {
        var real = Directory.CreateDirectory(Path.Combine(_root, "real")).FullName;
        var link = Path.Combine(_root, "link");
        Directory.CreateSymbolicLink(link, real);
        var options = new MountPointOptions { PollAllowedDirectories = [link] };

        options.TryResolvePollPath(Path.Combine(link, "in.xml"), out var full).Should().BeTrue();
        full.Should().Be(Path.Combine(real, "in.xml"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("relative/in.xml")]
    public void Relative_or_empty_paths_are_refused(string path)
    {
        var options = new MountPointOptions { PollAllowedDirectories = [_root] };

        options.TryResolvePollPath(path, out _).Should().BeFalse();
    }

    [Fact]
    public void No_directories_means_no_access()
    {
        new MountPointOptions().TryResolvePushPath(Path.Combine(_root, "x"), out _).Should().BeFalse();
    }
}
