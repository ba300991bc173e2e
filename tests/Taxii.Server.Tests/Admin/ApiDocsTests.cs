using FluentAssertions;

namespace Taxii.Server.Tests.Admin;

/// <summary>docs/api.md's examples, run as written with bash and curl against a fresh host.</summary>
public sealed class ApiDocsTests(AdminApiFactory app) : IClassFixture<AdminApiFactory>
{
    [Fact]
    public async Task The_curl_examples_in_the_api_docs_run_as_written()
    {
        var blocks = DocPages.ShellBlocks(await DocPages.ReadAsync("api.md", TestContext.Current.CancellationToken));
        blocks.Should().HaveCountGreaterThanOrEqualTo(4);
        var (exitCode, output, errors) = await DocPages.RunAsync(blocks, new Dictionary<string, string>
        {
            ["TAXII"] = app.Address("/").ToString().TrimEnd('/'),
            ["ADMIN"] = $"{AdminApiFactory.AdminName}:{AdminApiFactory.Password}",
        });

        exitCode.Should().Be(0, $"the examples must run as written:\n{errors}\n{output}");
        output.Should().Contain("\"name\":\"partner-automation\"").And.Contain("198.51.100.7").And.Contain("/partner-poll/")
            .And.Contain("kind,value,maliciousness", "the CSV package downloads")
            .And.Contain("\"description\":\"Partner inboxes, TAXII 1.1\",\"username\":\"our-publisher\",\"hasPassword\":true", "push credentials keep a password left out")
            .And.NotContain("the partner gave us this", "a secret is never answered");
    }
}
