using System.Diagnostics;
using FluentAssertions;

namespace Taxii.Server.Tests.Admin;

/// <summary>Swagger UI rendered by a real headless browser (Debian's chromium), as an administrator would open it.</summary>
public sealed class SwaggerUiBrowserTests(AdminApiFactory app) : IClassFixture<AdminApiFactory>
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    [Fact]
    public async Task Swagger_ui_renders_the_api_operations()
    {
        var browser = Candidates.FirstOrDefault(File.Exists);
        if (browser is null)
        {
            const string Reason = "no chromium: install Debian's chromium package (.ci/run does)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("CI=true but " + Reason);
            }

            Assert.Skip(Reason);
        }

        var profile = Directory.CreateTempSubdirectory("taxii-chromium-").FullName;
        try
        {
            var info = new ProcessStartInfo(browser)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile, "--virtual-time-budget=15000", "--dump-dom",
                    app.Address("/swagger/index.html").ToString(),
                },
            };
            using var chromium = Process.Start(info)!;
            var dom = chromium.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            _ = chromium.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(90));
            await chromium.WaitForExitAsync(timeout.Token);

            // what the page's script built from the OpenAPI document, not the static HTML
            (await dom).Should().Contain("data-path=\"/api/v1/users\"").And.Contain("Taxii admin API");
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
