using System.Net;
using FluentAssertions;
using Taxii.Testing;

namespace Taxii.Server.Tests.Hosting;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_fails_while_migrations_are_pending_and_live_still_answers()
    {
        await using var app = new UnmigratedFactory();
        await app.InitializeAsync();
        var client = app.CreateClient();

        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("Unhealthy");
        live.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_fails_when_the_database_goes_away()
    {
        await using var app = new TaxiiAppFactory();
        await app.InitializeAsync();
        var client = app.CreateClient();
        (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);

        await PostgresServer.DropDatabaseAsync(app.ConnectionString);

        (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private sealed class UnmigratedFactory : TaxiiAppFactory
    {
        // no job server: its jobs would fail on the missing tables, and Hangfire logs through a process-wide provider,
        // so those errors would land in whichever host of this test process configured Hangfire last
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Taxii:Database:MigrateAtStart"] = "false", ["Taxii:Jobs:RunServer"] = "false" };

        protected override Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) =>
            PostgresServer.CreateDatabaseAsync(migrated: false, cancellationToken);
    }
}
