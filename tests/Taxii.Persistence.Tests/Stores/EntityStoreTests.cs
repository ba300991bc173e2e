using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Datasets;
using Taxii.Core.Entities;
using Taxii.Persistence.Stores;
using Taxii.Testing;

namespace Taxii.Persistence.Tests.Stores;

public sealed class EntityStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Observables_are_one_row_per_kind_and_value_and_their_maliciousness_only_rises()
    {
        var database = await PostgresServer.CreateDatabaseAsync(cancellationToken: Ct);
        try
        {
            await using var db = new TaxiiDbContext(DependencyInjection.CreateOptions(database));
            var first = await DatasetAsync(db, "first");
            var second = await DatasetAsync(db, "second");
            var store = new EntityStore(db, TimeProvider.System);

            await store.UpsertAsync(first, [Indicator("a", new NewObservable("ipv4", "192.0.2.1", Maliciousness.High))], Ct);
            await store.UpsertAsync(second, [Indicator("b", new NewObservable("ipv4", "192.0.2.1", Maliciousness.Low))], Ct);

            var observable = await db.Observables.AsNoTracking().SingleAsync(o => o.Value == "192.0.2.1", Ct);
            observable.Maliciousness.Should().Be(Maliciousness.High, "a lower rating from another source does not lower it");
            (await db.Entities.CountAsync(e => e.Observables.Any(o => o.Id == observable.Id), Ct)).Should().Be(2);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task A_batch_with_the_same_content_twice_stores_it_once_and_an_update_replaces_observables()
    {
        var database = await PostgresServer.CreateDatabaseAsync(cancellationToken: Ct);
        try
        {
            await using var db = new TaxiiDbContext(DependencyInjection.CreateOptions(database));
            var dataset = await DatasetAsync(db, "batch");
            var store = new EntityStore(db, TimeProvider.System);
            var same = Indicator("twice", new NewObservable("domain", "evil.example"));

            var stored = await store.UpsertAsync(dataset, [same, same], Ct);

            stored.Select(s => s.Id).Distinct().Should().ContainSingle();
            stored.Select(s => s.Outcome).Should().Equal(EntityUpsertOutcome.Created, EntityUpsertOutcome.Unchanged);

            var updated = await store.UpsertAsync(dataset,
                [same with { ExternalId = stored[0].ExternalId, Observables = [new NewObservable("url", "http://evil.example/")] }], Ct);

            updated.Single().Outcome.Should().Be(EntityUpsertOutcome.Updated);
            var entity = await db.Entities.AsNoTracking().Include(e => e.Observables).SingleAsync(e => e.Id == stored[0].Id, Ct);
            entity.Observables.Select(o => o.Kind + ":" + o.Value).Should().Equal("url:http://evil.example/");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public void The_content_hash_ignores_json_formatting_and_key_order_but_not_values()
    {
        var a = Indicator("x") with { Data = """{"b":1,"a":[1,2]}""" };
        var b = Indicator("x") with { Data = """{ "a": [1, 2], "b": 1 }""" };
        var c = Indicator("x") with { Data = """{"a":[2,1],"b":1}""" };

        EntityHashing.Hash(a).Should().Equal(EntityHashing.Hash(b));
        EntityHashing.Hash(a).Should().NotEqual(EntityHashing.Hash(c));
    }

    private static NewEntity Indicator(string title, params NewObservable[] observables) =>
        new(EntityType.Indicator, Title: title, Observables: observables);

    private static async Task<int> DatasetAsync(TaxiiDbContext db, string name)
    {
        var dataset = new Dataset { Name = name, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        db.Datasets.Add(dataset);
        await db.SaveChangesAsync(Ct);
        return dataset.Id;
    }
}
