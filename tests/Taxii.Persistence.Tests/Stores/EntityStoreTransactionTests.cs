using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Datasets;
using Taxii.Core.Entities;
using Taxii.Persistence.Stores;
using Taxii.Testing;

namespace Taxii.Persistence.Tests.Stores;

/// <summary>The upsert and delete inside a caller's transaction, in their own, and side by side with another writer.</summary>
public sealed class EntityStoreTransactionTests : EntityStoreDatabase
{
    [Fact]
    public async Task In_a_callers_transaction_nothing_is_committed_before_the_caller_commits()
    {
        var dataset = await DatasetAsync("joined");
        await using (var transaction = await Db.Database.BeginTransactionAsync(Ct))
        {
            var stored = await Store.UpsertAsync(dataset, [Indicator("x:1", "a", "192.0.2.1")], Ct);
            Db.Datasets.Add(NewDataset("bookkeeping"));
            await Db.SaveChangesAsync(Ct);

            stored.Single().Outcome.Should().Be(EntityUpsertOutcome.Created);
            Db.Database.CurrentTransaction.Should().BeSameAs(transaction, "the store joins the transaction and leaves it open");
            (await CountFromElsewhereAsync()).Should().Be((0, 0), "nothing is visible before the caller commits");
            await transaction.CommitAsync(Ct);
        }

        (await CountFromElsewhereAsync()).Should().Be((1, 1));
        (await Db.Datasets.CountAsync(d => d.Name == "bookkeeping", Ct)).Should().Be(1);
    }

    [Fact]
    public async Task A_rolled_back_callers_transaction_leaves_nothing()
    {
        var dataset = await DatasetAsync("rolled back");
        var kept = (await Store.UpsertAsync(dataset, [Indicator("x:kept", "a", "192.0.2.9")], Ct)).Single();
        await using (var transaction = await Db.Database.BeginTransactionAsync(Ct))
        {
            await Store.UpsertAsync(dataset, [Indicator("x:new", "b", "192.0.2.10"), Indicator("x:kept", "changed", "192.0.2.11")], Ct);
            (await Store.DeleteByExternalIdsAsync(dataset, ["x:new"], Ct)).Should().Be(1, "the delete sees the transaction's own rows");
            await transaction.RollbackAsync(Ct);
        }

        Db.ChangeTracker.Clear();
        var entities = await Db.Entities.AsNoTracking().Include(e => e.Observables).Where(e => e.DatasetId == dataset).ToListAsync(Ct);
        entities.Should().ContainSingle().Which.Should().Match<Entity>(e => e.Id == kept.Id && e.Title == "a");
        entities[0].Observables.Select(o => o.Value).Should().Equal("192.0.2.9");
        (await Db.Observables.CountAsync(o => o.Value == "192.0.2.10" || o.Value == "192.0.2.11", Ct)).Should().Be(0);
    }

    [Fact]
    public async Task Without_a_callers_transaction_a_failing_callStores_nothing()
    {
        var dataset = await DatasetAsync("own");

        // the second entity's data is not JSON: the insert fails after the observables were upserted in the same transaction
        var failing = () => Store.UpsertAsync(dataset, [Indicator("x:ok", "a", "192.0.2.20"), Indicator("x:bad", "b", "192.0.2.21") with { Data = "{" }], Ct);

        await failing.Should().ThrowAsync<Exception>();
        Db.Database.CurrentTransaction.Should().BeNull();
        (await Db.Entities.CountAsync(e => e.DatasetId == dataset, Ct)).Should().Be(0);
        (await Db.Observables.CountAsync(o => o.Value == "192.0.2.20", Ct)).Should().Be(0);
    }

    [Fact]
    public async Task Two_writers_upserting_overlapping_content_at_onceStore_each_entity_once()
    {
        var dataset = await DatasetAsync("concurrent");
        // the same ids and the same id-less contents in both, in opposite orders; each writer has its own context and connection
        var inputs = Enumerable.Range(0, 300)
            .Select(i => i % 2 == 0 ? Indicator($"x:{i}", $"t{i}", $"10.0.{i / 256}.{i % 256}") : Indicator(null, $"t{i}", $"10.1.{i / 256}.{i % 256}"))
            .ToList();
        var reversed = Enumerable.Reverse(inputs).ToList();

        for (var round = 0; round < 5; round++)
        {
            var results = await Task.WhenAll(UpsertAloneAsync(dataset, inputs), UpsertAloneAsync(dataset, reversed));

            results[0].Select(r => r.Id).Should().Equal(Enumerable.Reverse(results[1]).Select(r => r.Id), "both writers resolve each input to the same entity");
            results.SelectMany(r => r).Count(r => r.Outcome == EntityUpsertOutcome.Created).Should().Be(round == 0 ? 300 : 0);
        }

        (await Db.Entities.CountAsync(e => e.DatasetId == dataset, Ct)).Should().Be(300);
        (await Db.Entities.Where(e => e.DatasetId == dataset).Select(e => e.ContentHash).Distinct().CountAsync(Ct)).Should().Be(300);
    }

    private async Task<IReadOnlyList<EntityUpsert>> UpsertAloneAsync(int dataset, IReadOnlyList<NewEntity> inputs)
    {
        await using var db = new TaxiiDbContext(DependencyInjection.CreateOptions(Database));
        await Task.Yield();
        return await new EntityStore(db, TimeProvider.System).UpsertAsync(dataset, inputs, Ct);
    }

    private async Task<(int Entities, int Datasets)> CountFromElsewhereAsync()
    {
        await using var other = new TaxiiDbContext(DependencyInjection.CreateOptions(Database));
        return (await other.Entities.CountAsync(Ct), await other.Datasets.CountAsync(d => d.Name == "bookkeeping", Ct));
    }

    private static NewEntity Indicator(string? externalId, string title, string ipv4) =>
        new(EntityType.Indicator, externalId, title, Observables: [new NewObservable("ipv4", ipv4, Maliciousness.High)]);


}
