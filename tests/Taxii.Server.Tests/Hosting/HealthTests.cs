using System.Net;
using FluentAssertions;
using Taxii.Testing;

namespace Taxii.Server.Tests.Hosting;

public sealed class HealthTests(TaxiiAppFactory app) : IClassFixture<TaxiiAppFactory>
{
    [Fact]
    public async Task Live_answers_healthy_without_credentials()
    {
        var response = await app.CreateClient().GetAsync("/health/live", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("Healthy");
    }

    [Fact]
    public async Task Ready_answers_healthy_when_the_database_is_reachable_and_migrated()
    {
        var response = await app.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("Healthy");
    }

    [Fact]
    public void The_host_listens_on_real_loopback_http()
    {
        app.CreateClient().BaseAddress!.Host.Should().BeOneOf("127.0.0.1", "localhost");
        app.CreateClient().BaseAddress!.Port.Should().BeGreaterThan(0);
    }
}
