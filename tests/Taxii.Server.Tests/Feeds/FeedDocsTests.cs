using FluentAssertions;
using Taxii.Server.Tests.Admin;

namespace Taxii.Server.Tests.Feeds;

/// <summary>docs/feeds.md's examples, run as written with bash and curl against a fresh host.</summary>
public sealed class FeedDocsTests(AdminApiFactory app) : IClassFixture<AdminApiFactory>
{
    [Fact]
    public async Task The_sources_example_runs_as_written_and_publishes_only_what_its_sources_brought()
    {
        var page = await DocPages.ReadAsync("feeds.md", TestContext.Current.CancellationToken);
        var blocks = DocPages.ShellBlocks(DocPages.Section(page, "Sources"));
        blocks.Should().ContainSingle();

        var (exitCode, output, errors) = await DocPages.RunAsync(blocks, new Dictionary<string, string>
        {
            ["TAXII"] = app.Address("/").ToString().TrimEnd('/'),
            ["ADMIN"] = $"{AdminApiFactory.AdminName}:{AdminApiFactory.Password}",
        });

        exitCode.Should().Be(0, $"the example must run as written:\n{errors}\n{output}");
        // the block ends with the package, after the JSON array the last entity addition answered
        var published = output[(output.LastIndexOf(']') + 1)..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        published.Should().BeEquivalentTo(["198.51.100.20", "198.51.100.21", "phish.example"],
            "the package holds what the incoming feed brought and what a member of the group added, not the entity added before joining");
    }
}
