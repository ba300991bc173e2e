using FluentAssertions;
using Taxii.Server.Tests.Interop;

namespace Taxii.Server.Tests.Taxii;

/// <summary>docs/taxii-services.md's "Quick start with curl", run as written with bash and curl against a default install.</summary>
public sealed class TaxiiDocsTests(CabbyHost app) : IClassFixture<CabbyHost>
{
    [Fact]
    public async Task The_curl_quick_start_runs_as_written()
    {
        var page = await DocPages.ReadAsync("taxii-services.md", TestContext.Current.CancellationToken);
        var blocks = DocPages.ShellBlocks(DocPages.Section(page, "Quick start with curl"));
        blocks.Should().ContainSingle();
        await app.ShareAsync("default");

        var (exitCode, output, errors) = await DocPages.RunAsync(blocks, new Dictionary<string, string>
        {
            ["TAXII"] = app.Address("/").ToString().TrimEnd('/'),
            ["TAXII_USER"] = CabbyHost.User,
            ["TAXII_PASSWORD"] = CabbyHost.Password,
        });

        exitCode.Should().Be(0, $"the commands must run as written:\n{errors}\n{output}");
        output.Should().Contain("<taxii_11:Discovery_Response").And.Contain("/taxii-poll-service/")
            .And.Contain("<taxii_11:Collection_Information_Response").And.Contain("collection_name=\"default\"")
            .And.Contain("status_type=\"SUCCESS\"")
            .And.Contain("<taxii_11:Poll_Response").And.Contain("quick-start.example.org");
        output.Should().NotContain("BAD_MESSAGE").And.NotContain("UNAUTHORIZED");
    }
}
