using System.Diagnostics;
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
        var script = "set -euo pipefail\n" + string.Join("\n", blocks);

        var info = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["TAXII"] = app.Address("/").ToString().TrimEnd('/');
        info.Environment["ADMIN"] = $"{AdminApiFactory.AdminName}:{AdminApiFactory.Password}";
        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = bash.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await bash.WaitForExitAsync(TestContext.Current.CancellationToken);

        bash.ExitCode.Should().Be(0, $"the examples must run as written:\n{await errors}\n{await output}");
        (await output).Should().Contain("\"name\":\"partner-automation\"").And.Contain("198.51.100.7").And.Contain("/partner-poll/")
            .And.Contain("kind,value,maliciousness", "the CSV package downloads");
    }
}
