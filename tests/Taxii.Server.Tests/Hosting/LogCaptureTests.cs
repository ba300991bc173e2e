using FluentAssertions;
using Taxii.Testing;

namespace Taxii.Server.Tests.Hosting;

/// <summary>The test hosts' log capture sees what the server logs (tests about logged secrets and errors rely on it).</summary>
public sealed class LogCaptureTests(TaxiiAppFactory app) : IClassFixture<TaxiiAppFactory>
{
    [Fact]
    public async Task The_capture_receives_the_host_s_log_events()
    {
        using var response = await app.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken);

        app.Logs.Lines().Should().Contain(line => line.Contains("Application started", StringComparison.Ordinal));
    }
}
