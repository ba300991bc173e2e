using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Server.Tests.Taxii;
using Taxii.Testing;
using Taxii.Testing.Peers;

namespace Taxii.Server.Tests.Interop;

/// <summary>docs/taxii-services.md's "With cabby" commands, run as written with bash and the real cabby against a default install.</summary>
public sealed class CabbyDocsTests(CabbyHost app) : IClassFixture<CabbyHost>
{
    [Fact]
    public async Task The_cabby_commands_in_the_services_docs_run_as_written()
    {
        var bin = PeerKit.BinDirectory;
        var page = await DocPages.ReadAsync("taxii-services.md", TestContext.Current.CancellationToken);
        var blocks = DocPages.ShellBlocks(DocPages.Section(page, "With cabby"));
        blocks.Should().ContainSingle();
        var copy = await app.CollectionAsync("default-copy", ContentBindingIds.Stix12);
        await app.ShareAsync("default");
        var directory = TempDirectory.Create("cabby-docs");
        await File.WriteAllTextAsync(Path.Combine(directory, "package.xml"),
            InteropStix.Package("docs-1", "docs.example.org", "From the docs"), TestContext.Current.CancellationToken);

        var (exitCode, output, errors) = await DocPages.RunAsync(blocks, new Dictionary<string, string>
        {
            // the wrappers exit 1 when cabby logged an ERROR (cabby itself exits 0), so set -e stops at the first failure
            ["PEERS_STRICT"] = "1",
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["TAXII"] = app.Address("/").ToString().TrimEnd('/'),
            ["TAXII_USER"] = CabbyHost.User,
            ["TAXII_PASSWORD"] = CabbyHost.Password,
        }, directory, PeerKit.Configure);

        exitCode.Should().Be(0, $"the commands must run as written:\n{errors}\n{output}");
        errors.Should().Contain("4 services discovered").And.Contain("Content block successfully pushed")
            .And.Contain("Content blocks count: 1, is partial: False").And.NotContain("ERROR");
        output.Should().Contain("Collection Name: default").And.Contain("Feed Name: default")
            .And.Contain("Status: PAUSED").And.Contain("Status: UNSUBSCRIBED").And.Contain("docs.example.org");
        Directory.GetFiles(Path.Combine(directory, "polled")).Should().ContainSingle();
        (await app.CountBlocksAsync(copy)).Should().Be(1, "taxii-proxy copied the pushed block");
    }
}
