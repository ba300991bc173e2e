using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Core.Security;

namespace Taxii.Persistence.Tests.Stores;

/// <summary>Provenance written by <c>EntityStore.UpsertAsync</c>: per entity, whatever the outcome, and only once.</summary>
public sealed class EntityStoreProvenanceTests : EntityStoreDatabase
{
    [Fact]
    public async Task Every_feed_and_user_that_brings_an_entity_is_recorded_with_the_users_groups_at_the_time()
    {
        var dataset = await DatasetAsync("d");
        var now = DateTimeOffset.UtcNow;
        var feedA = new IncomingFeed { Name = "A", DatasetId = dataset, CreatedAt = now, UpdatedAt = now };
        var feedB = new IncomingFeed { Name = "B", DatasetId = dataset, CreatedAt = now, UpdatedAt = now };
        var analysts = new Group { Name = "analysts", CreatedAt = now };
        var later = new Group { Name = "later", CreatedAt = now };
        var alice = new User { Name = "alice", CreatedAt = now, UpdatedAt = now };
        Db.AddRange(feedA, feedB, analysts, later, alice);
        await Db.SaveChangesAsync(Ct);
        Db.GroupMemberships.Add(new GroupMembership { UserId = alice.Id, GroupId = analysts.Id });
        await Db.SaveChangesAsync(Ct);

        NewEntity One(string description) => new(EntityType.Indicator, "x:one", Description: description);
        var two = new NewEntity(EntityType.Indicator, "x:two");
        await Store.UpsertAsync(dataset, [One("v1"), two], new EntityProvenance(feedA.Id), Ct);
        // unchanged, from another feed: only the provenance is written
        await Store.UpsertAsync(dataset, [One("v1")], new EntityProvenance(feedB.Id), Ct);
        // changed by a user, who then joins a group and adds it again unchanged
        await Store.UpsertAsync(dataset, [two with { Description = "v2" }], new EntityProvenance(UserId: alice.Id), Ct);
        Db.GroupMemberships.Add(new GroupMembership { UserId = alice.Id, GroupId = later.Id });
        await Db.SaveChangesAsync(Ct);
        await Store.UpsertAsync(dataset, [two with { Description = "v2" }], new EntityProvenance(UserId: alice.Id), Ct);
        // a feed bringing the same again adds nothing
        await Store.UpsertAsync(dataset, [One("v1")], new EntityProvenance(feedA.Id), Ct);

        var ids = await Db.Entities.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.ExternalId, Ct);
        (await Db.EntityIncomingFeeds.AsNoTracking().ToListAsync(Ct)).Select(x => $"{ids[x.EntityId]}:{(x.IncomingFeedId == feedA.Id ? "A" : "B")}")
            .Should().BeEquivalentTo("x:one:A", "x:one:B", "x:two:A");
        (await Db.EntityContributors.AsNoTracking().ToListAsync(Ct)).Select(x => ids[x.EntityId]).Should().Equal("x:two");
        (await Db.EntityContributorGroups.AsNoTracking().ToListAsync(Ct)).Select(x => $"{ids[x.EntityId]}:{x.GroupId}")
            .Should().BeEquivalentTo($"x:two:{analysts.Id}", $"x:two:{later.Id}");
    }
}
