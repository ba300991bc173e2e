using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Taxii.Core.Collections;
using Taxii.Core.Datasets;
using Taxii.Core.Entities;
using Taxii.Persistence.Stores;
using Taxii.Testing;

namespace Taxii.Persistence.Tests.Stores;

/// <summary>The set-based upsert's semantics: what is written, what is left alone, and what the links end up as.</summary>
public sealed class EntityStoreBulkTests : EntityStoreDatabase
{
    [Fact]
    public async Task A_batch_repeating_an_id_creates_then_updates_then_is_unchanged_and_keeps_the_last_content()
    {
        var dataset = await DatasetAsync("repeats");

        var stored = await Store.UpsertAsync(dataset,
        [
            Indicator("x:1", "first", new NewObservable("ipv4", "192.0.2.1")),
            Indicator("x:1", "second", new NewObservable("ipv4", "192.0.2.2")),
            Indicator("x:1", "second", new NewObservable("ipv4", "192.0.2.2")),
        ], Ct);

        stored.Select(s => s.Outcome).Should().Equal(EntityUpsertOutcome.Created, EntityUpsertOutcome.Updated, EntityUpsertOutcome.Unchanged);
        stored.Select(s => s.Id).Distinct().Should().ContainSingle();
        stored.Should().OnlyContain(s => s.ExternalId == "x:1");
        var entity = await LoadAsync(stored[0].Id);
        entity.Title.Should().Be("second");
        entity.Observables.Select(o => o.Value).Should().Equal("192.0.2.2");
        entity.ContentHash.Should().Equal(EntityHashing.Hash(Indicator("x:1", "second", new NewObservable("ipv4", "192.0.2.2"))));
        (await Db.Entities.CountAsync(e => e.DatasetId == dataset, Ct)).Should().Be(1);
    }

    [Fact]
    public async Task Every_column_isStored_and_an_update_keeps_created_at_and_the_content_block_when_none_is_given()
    {
        var dataset = await DatasetAsync("columns");
        var block = await ContentBlockAsync();
        var validFrom = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.FromHours(2));
        var full = new NewEntity(EntityType.Indicator, "x:full", "title", "description", Tlp.Amber, 'B', validFrom,
            ["feed b", "feed a"], """{"killChain": ["c2"], "n": 1}""", [new NewObservable("domain", "evil.example", Maliciousness.Medium)],
            block, [new NewRelation("indicated-ttp", "x:ttp")]);
        var created = (await Store.UpsertAsync(dataset, [full], Ct)).Single();

        var entity = await LoadAsync(created.Id);
        entity.Should().BeEquivalentTo(new
        {
            Type = EntityType.Indicator,
            Title = "title",
            Description = "description",
            Tlp = (Tlp?)Tlp.Amber,
            Reliability = (char?)'B',
            ValidFrom = (DateTimeOffset?)validFrom,
            Sources = new[] { "feed b", "feed a" },
            RawContentBlockId = (long?)block,
        });
        JsonEquals(entity.Data, """{"killChain":["c2"],"n":1}""").Should().BeTrue();
        entity.CreatedAt.Should().Be(entity.UpdatedAt);

        await Task.Delay(10, Ct);
        var updated = await Store.UpsertAsync(dataset, [full with { Title = "new title", Sources = [], RawContentBlockId = null }], Ct);

        updated.Single().Outcome.Should().Be(EntityUpsertOutcome.Updated);
        var after = await LoadAsync(created.Id);
        after.Title.Should().Be("new title");
        after.Sources.Should().BeEmpty();
        after.RawContentBlockId.Should().Be(block, "an update that names no content block keeps the one it was read from");
        after.CreatedAt.Should().Be(entity.CreatedAt);
        after.UpdatedAt.Should().BeAfter(entity.UpdatedAt);
    }

    [Fact]
    public async Task An_update_sets_links_and_relations_to_exactly_the_new_content()
    {
        var dataset = await DatasetAsync("links");
        var first = Indicator("x:links", "t", new NewObservable("ipv4", "192.0.2.1"), new NewObservable("domain", "a.example")) with
        {
            Relations = [new NewRelation("indicated-ttp", "x:ttp-1"), new NewRelation("related-indicator", "x:other")],
        };
        var id = (await Store.UpsertAsync(dataset, [first], Ct)).Single().Id;

        await Store.UpsertAsync(dataset,
        [
            first with
            {
                Observables = [new NewObservable("domain", "a.example"), new NewObservable("url", "http://a.example/"), new NewObservable("url", "http://a.example/")],
                Relations = [new NewRelation("indicated-ttp", "x:ttp-2"), new NewRelation("indicated-ttp", "x:ttp-2"), new NewRelation("related-indicator", "x:other")],
            },
        ], Ct);

        var entity = await LoadAsync(id);
        entity.Observables.Select(o => $"{o.Kind}:{o.Value}").Should().BeEquivalentTo("domain:a.example", "url:http://a.example/");
        entity.Relations.Select(r => $"{r.Type}:{r.TargetExternalId}").Should().BeEquivalentTo("indicated-ttp:x:ttp-2", "related-indicator:x:other");
        (await Db.Observables.CountAsync(o => o.Value == "192.0.2.1", Ct)).Should().Be(1, "observables are shared and stay");
    }

    [Fact]
    public async Task Unchanged_entities_are_not_written_and_content_without_an_id_matches_the_oldest_entity()
    {
        var dataset = await DatasetAsync("unchanged");
        var content = Indicator(null, "same", new NewObservable("domain", "same.example", Maliciousness.High));
        // two entities with the same content under distinct ids: an input without an id is the older one
        var stored = await Store.UpsertAsync(dataset, [content with { ExternalId = "x:a" }, content with { ExternalId = "x:b" }], Ct);
        var before = await RowVersionsAsync(dataset);

        var again = await Store.UpsertAsync(dataset, [content, content with { ExternalId = "x:b" }, content with { ExternalId = "x:a" }], Ct);

        again.Select(s => (s.Id, s.Outcome)).Should().Equal(
            (stored[0].Id, EntityUpsertOutcome.Unchanged), (stored[1].Id, EntityUpsertOutcome.Unchanged), (stored[0].Id, EntityUpsertOutcome.Unchanged));
        (await RowVersionsAsync(dataset)).Should().Equal(before, "an unchanged entity, its links and its observables are not rewritten");
    }

    [Fact]
    public async Task Content_matching_an_entity_updated_earlier_in_the_batch_is_a_new_entity()
    {
        var dataset = await DatasetAsync("moved");
        var old = Indicator("x:moving", "old");
        var id = (await Store.UpsertAsync(dataset, [old], Ct)).Single().Id;

        var stored = await Store.UpsertAsync(dataset, [old with { Title = "new" }, old with { ExternalId = null }], Ct);

        stored[0].Should().Be(new EntityUpsert(id, "x:moving", EntityUpsertOutcome.Updated));
        stored[1].Outcome.Should().Be(EntityUpsertOutcome.Created, "as if stored one after the other: the old content is gone");
        stored[1].ExternalId.Should().StartWith("taxii:indicator-");
    }

    [Fact]
    public async Task Deleting_by_external_ids_removes_only_the_datasets_entities_and_their_links()
    {
        var dataset = await DatasetAsync("delete");
        var other = await DatasetAsync("delete other");
        var entity = Indicator("x:gone", "t", new NewObservable("ipv4", "198.51.100.1")) with { Relations = [new NewRelation("r", "x:t")] };
        var gone = (await Store.UpsertAsync(dataset, [entity, Indicator("x:kept", "t")], Ct))[0].Id;
        await Store.UpsertAsync(other, [entity], Ct);

        var deleted = await Store.DeleteByExternalIdsAsync(dataset, ["x:gone", "x:gone", "x:never"], Ct);

        deleted.Should().Be(1);
        (await Db.Entities.Where(e => e.DatasetId == dataset).Select(e => e.ExternalId).ToListAsync(Ct)).Should().Equal("x:kept");
        (await Db.Entities.CountAsync(e => e.DatasetId == other && e.ExternalId == "x:gone", Ct)).Should().Be(1);
        (await Db.Set<EntityRelation>().CountAsync(r => r.EntityId == gone, Ct)).Should().Be(0);
        (await Db.Observables.Where(o => o.Value == "198.51.100.1").SelectMany(o => o.Entities).CountAsync(Ct)).Should().Be(1);
        (await Store.DeleteByExternalIdsAsync(dataset, [], Ct)).Should().Be(0);
    }

    [Fact]
    public async Task A_tracked_entity_is_not_left_stale()
    {
        var dataset = await DatasetAsync("tracked");
        var id = (await Store.UpsertAsync(dataset, [Indicator("x:tracked", "before")], Ct)).Single().Id;
        (await Db.Entities.SingleAsync(e => e.Id == id, Ct)).Title.Should().Be("before");

        await Store.UpsertAsync(dataset, [Indicator("x:tracked", "after")], Ct);

        (await Db.Entities.SingleAsync(e => e.Id == id, Ct)).Title.Should().Be("after");
        await Store.DeleteByExternalIdsAsync(dataset, ["x:tracked"], Ct);
        (await Db.Entities.FindAsync([id], Ct)).Should().BeNull();
    }

    private static NewEntity Indicator(string? externalId, string title, params NewObservable[] observables) =>
        new(EntityType.Indicator, externalId, title, Observables: observables);

    private static bool JsonEquals(string? json, string expected) =>
        json is not null && EntityHashing.Canonical(json) == EntityHashing.Canonical(expected);

    private async Task<Entity> LoadAsync(long id) =>
        await Db.Entities.AsNoTracking().Include(e => e.Observables).Include(e => e.Relations).SingleAsync(e => e.Id == id, Ct);

    /// <summary>xmin of every row an upsert into the dataset may write: equal before and after means nothing was written.</summary>
    private async Task<List<string>> RowVersionsAsync(int dataset)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""
            SELECT 'e' || e.id || ':' || e.xmin FROM entities e WHERE e.dataset_id = $1
            UNION ALL SELECT 'l' || l.entities_id || '-' || l.observables_id || ':' || l.xmin FROM entity_observables l JOIN entities e ON e.id = l.entities_id WHERE e.dataset_id = $1
            UNION ALL SELECT 'o' || o.id || ':' || o.xmin FROM observables o
            ORDER BY 1
            """, connection) { Parameters = { new() { Value = dataset } } };
        var versions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            versions.Add(reader.GetString(0));
        }

        return versions;
    }

    private async Task<long> ContentBlockAsync()
    {
        var collection = new Collection { Name = "source", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        Db.Collections.Add(collection);
        await Db.SaveChangesAsync(Ct);
        var stored = await new ContentStore(Db).AppendAsync([new NewContentBlock(collection.Id, "{}"u8.ToArray(), "urn:x", null, null, false)], Ct);
        return stored.Single().Id;
    }

}
