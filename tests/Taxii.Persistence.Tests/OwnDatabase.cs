using Taxii.Testing;

namespace Taxii.Persistence.Tests;

/// <summary>A test class with a migrated database of its own on the throwaway server, dropped after its tests.</summary>
public abstract class OwnDatabase : IAsyncLifetime
{
    /// <summary>The connection string of the class's database.</summary>
    protected string Database { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync() =>
        Database = await PostgresServer.CreateDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await PostgresServer.DropDatabaseAsync(Database);
        GC.SuppressFinalize(this);
    }
}
