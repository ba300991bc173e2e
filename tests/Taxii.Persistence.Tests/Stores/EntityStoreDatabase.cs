using Taxii.Core.Datasets;
using Taxii.Persistence.Stores;
using Taxii.Testing;

namespace Taxii.Persistence.Tests.Stores;

/// <summary>A database of the class's own, a context on it and an <see cref="EntityStore"/> over that context.</summary>
public abstract class EntityStoreDatabase : IAsyncLifetime
{
    protected string Database { get; private set; } = "";

    protected TaxiiDbContext Db { get; private set; } = null!;

    protected EntityStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Database = await PostgresServer.CreateDatabaseAsync(cancellationToken: Ct);
        Db = new TaxiiDbContext(DependencyInjection.CreateOptions(Database));
        Store = new EntityStore(Db, TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(Database);
        GC.SuppressFinalize(this);
    }

    protected static Dataset NewDataset(string name) => new() { Name = name, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };

    protected async Task<int> DatasetAsync(string name)
    {
        var dataset = NewDataset(name);
        Db.Datasets.Add(dataset);
        await Db.SaveChangesAsync(Ct);
        return dataset.Id;
    }
}
