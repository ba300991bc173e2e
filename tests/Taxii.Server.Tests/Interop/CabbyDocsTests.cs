using System.Diagnostics;
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

        var info = new ProcessStartInfo("bash", ["-c", "set -euo pipefail\n" + blocks[0]])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        PeerKit.Configure(info);
        // the wrappers exit 1 when cabby logged an ERROR (cabby itself exits 0), so set -e stops at the first failure
        info.Environment["PEERS_STRICT"] = "1";
        info.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        info.Environment["TAXII"] = app.Address("/").ToString().TrimEnd('/');
        info.Environment["TAXII_USER"] = CabbyHost.User;
        info.Environment["TAXII_PASSWORD"] = CabbyHost.Password;
        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = bash.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await bash.WaitForExitAsync(TestContext.Current.CancellationToken);

        bash.ExitCode.Should().Be(0, $"the commands must run as written:\n{await errors}\n{await output}");
        (await errors).Should().Contain("4 services discovered").And.Contain("Content block successfully pushed")
            .And.Contain("Content blocks count: 1, is partial: False").And.NotContain("ERROR");
        (await output).Should().Contain("Collection Name: default").And.Contain("Feed Name: default")
            .And.Contain("Status: PAUSED").And.Contain("Status: UNSUBSCRIBED").And.Contain("docs.example.org");
        Directory.GetFiles(Path.Combine(directory, "polled")).Should().ContainSingle();
        (await app.CountBlocksAsync(copy)).Should().Be(1, "taxii-proxy copied the pushed block");
    }
}
