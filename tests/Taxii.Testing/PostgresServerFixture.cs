using Xunit;

namespace Taxii.Testing;

/// <summary>
/// Register with <c>[assembly: AssemblyFixture(typeof(PostgresServerFixture))]</c>: stops the run's PostgreSQL when the
/// test assembly finishes, whether its tests passed or failed.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await PostgresServer.StopAsync();
}
