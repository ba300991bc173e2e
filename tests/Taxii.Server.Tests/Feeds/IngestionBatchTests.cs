using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Feeds;
using Taxii.Feeds.Ingestion;
using Taxii.Persistence;
using Taxii.Testing;

namespace Taxii.Server.Tests.Feeds;

/// <summary>
/// Packages stored in batches (<see cref="IngestionPipeline.StoreAsync"/>), on the host's own services and PostgreSQL: one
/// transaction per batch, each package still stored once and all or nothing.
/// </summary>
public sealed class IngestionBatchTests(TaxiiAppFactory app) : IClassFixture<TaxiiAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_skips_what_the_dataset_holds_and_its_own_repeats_and_fails_a_malformed_package_alone()
    {
        var dataset = await app.AddDatasetAsync("batch outcomes");
        var target = new IngestionTarget(dataset, FeedContentType.EclecticIqJson);
        (await IngestAsync(target, Package("held", Json("held-1")))).Outcome.Should().Be(PackageOutcome.Stored);

        var results = await StoreAsync(target,
            Package("new", Json("new-1", "new-2")),
            Package("held again", Json("held-1")),
            Package("new repeated", Json("new-1", "new-2")),
            Package("malformed", "{\"format\": [ not json"),
            Package("malformed repeated", "{\"format\": [ not json"),
            Package("last", Json("last-1")));

        results.Select(r => r.Outcome).Should().Equal(
            PackageOutcome.Stored, PackageOutcome.Skipped, PackageOutcome.Skipped, PackageOutcome.Failed, PackageOutcome.Failed, PackageOutcome.Stored);
        results[0].Created.Should().Be(2);
        results[3].Reason.Should().StartWith("not valid eclecticiq-json content: not valid JSON");
        results[4].Reason.Should().Be(results[3].Reason, "a failed package is not remembered, so its copy fails the same way");
        (await StoredAsync(dataset)).Should().BeEquivalentTo(["held", "new", "last"]);
        (await ExternalIdsAsync(dataset)).Should().BeEquivalentTo(["held-1", "new-1", "new-2", "last-1"]);
    }

    [Fact]
    public async Task Two_writers_storing_overlapping_batches_at_once_store_each_package_once()
    {
        var dataset = await app.AddDatasetAsync("batch race");
        var target = new IngestionTarget(dataset, FeedContentType.EclecticIqJson);
        var packages = Enumerable.Range(0, 45).Select(i => Package($"p{i}", Json($"race-{i}-a", $"race-{i}-b"))).ToArray();

        // the second writer meets the first one's packages 15 to 29 (read as known, or as a conflict on insert), and must
        // still store its own 30 to 44
        var both = await Task.WhenAll(StoreAsync(target, packages[..30]), StoreAsync(target, packages[15..]));

        var outcomes = Enumerable.Range(0, 45).Select(i => string.Join(",", new[] { i < 30 ? both[0][i].Outcome : (PackageOutcome?)null, i >= 15 ? both[1][i - 15].Outcome : null }
            .OfType<PackageOutcome>().Order())).ToList();
        outcomes.Should().Equal(Enumerable.Range(0, 45).Select(i => i is >= 15 and < 30 ? "Stored,Skipped" : "Stored"));
        (await StoredAsync(dataset)).Should().HaveCount(45);
        (await ExternalIdsAsync(dataset)).Should().HaveCount(90).And.OnlyHaveUniqueItems();
    }

    /// <summary>Packages of a batch share an upsert; the outcome must be the one of storing them one after the other.</summary>
    [Fact]
    public async Task A_batch_stores_updates_and_removals_in_package_order()
    {
        var dataset = await app.AddDatasetAsync("batch order");
        var target = new IngestionTarget(dataset, FeedContentType.EclecticIqJson);

        var results = await StoreAsync(target,
            Package("creates", Json("order-1", "order-2")),
            Package("updates", Json([("order-1", "changed")])),
            Package("repeats", Json([("order-1", "changed"), ("order-3", "order-3")])),
            Package("removes", Json([], removed: ["order-2"])),
            Package("brings back", Json("order-2")));

        results.Select(r => (r.Outcome, r.Created, r.Updated, r.Unchanged, r.Removed)).Should().Equal(
            (PackageOutcome.Stored, 2, 0, 0, 0),
            (PackageOutcome.Stored, 0, 1, 0, 0),
            (PackageOutcome.Stored, 1, 0, 1, 0),
            (PackageOutcome.Stored, 0, 0, 0, 1),
            (PackageOutcome.Stored, 1, 0, 0, 0));
        (await ExternalIdsAsync(dataset)).Should().BeEquivalentTo(["order-1", "order-2", "order-3"], "order-2 came back after its removal");
    }

    [Fact]
    public async Task A_batch_that_fails_leaves_nothing_of_it_stored()
    {
        var dataset = await app.AddDatasetAsync("batch rollback");
        var target = new IngestionTarget(dataset, FeedContentType.EclecticIqJson);
        await using var scope = app.Services.CreateAsyncScope();
        var pipeline = scope.ServiceProvider.GetRequiredService<IngestionPipeline>();
        var read = new List<ReadPackage>();
        foreach (var package in new[] { Package("first", Json("roll-1")), Package("second", Json("roll-2")) })
        {
            read.Add(await pipeline.ReadAsync(package, Ct));
        }

        // the run's bookkeeping throws after both packages' entities were written, before the commit
        var store = () => pipeline.StoreAsync(target, read, _ => throw new InvalidOperationException("bookkeeping failed"), Ct);

        await store.Should().ThrowAsync<InvalidOperationException>();
        (await StoredAsync(dataset)).Should().BeEmpty();
        (await ExternalIdsAsync(dataset)).Should().BeEmpty();
        (await IngestAsync(target, Package("first", Json("roll-1")))).Outcome.Should().Be(PackageOutcome.Stored, "the package is taken again whole");
    }

    private static IncomingPackage Package(string reference, string content) =>
        IncomingPackage.FromBytes(reference, null, Encoding.UTF8.GetBytes(content));

    private static string Json(params string[] ids) => Json([.. ids.Select(id => (id, id))]);

    private static string Json((string Id, string Title)[] entities, string[]? removed = null) =>
        """{"format":"urn:eclecticiq.com:json:1.0","header":{"feed":"remote","run":1,"sequence":1,"produced":"2026-12-07T00:00:00Z","strategy":"append"},"entities":["""
        + string.Join(",", entities.Select(e => $$"""{"id":"{{e.Id}}","type":"indicator","data":{"title":"{{e.Title}}"},"observables":[{"kind":"domain","value":"{{e.Id}}.example.com"}]}"""))
        + "],\"removed\":["
        + string.Join(",", (removed ?? []).Select(id => $$"""{"id":"{{id}}","type":"indicator","observables":[]}"""))
        + "]}";

    private async Task<PackageResult> IngestAsync(IngestionTarget target, IncomingPackage package)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IngestionPipeline>().IngestAsync(target, package, Ct);
    }

    private async Task<IReadOnlyList<PackageResult>> StoreAsync(IngestionTarget target, params IncomingPackage[] packages)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var pipeline = scope.ServiceProvider.GetRequiredService<IngestionPipeline>();
        var read = new List<ReadPackage>();
        foreach (var package in packages)
        {
            read.Add(await pipeline.ReadAsync(package, Ct));
        }

        return await pipeline.StoreAsync(target, read, record: null, Ct);
    }

    private async Task<List<string>> StoredAsync(int dataset)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().IngestedPackages
            .Where(p => p.DatasetId == dataset).Select(p => p.Source).ToListAsync(Ct);
    }

    private async Task<List<string>> ExternalIdsAsync(int dataset)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Entities
            .Where(e => e.DatasetId == dataset).Select(e => e.ExternalId).ToListAsync(Ct);
    }
}
