using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Taxii.Core.Datasets;
using Taxii.Core.Feeds;
using Taxii.Testing;

namespace Taxii.Persistence.Tests;

/// <summary>Feed names are unique across incoming and outgoing feeds in the database itself, whoever writes.</summary>
public sealed class FeedNameTests : IAsyncLifetime
{
    private string _database = string.Empty;

    public async ValueTask InitializeAsync() =>
        _database = await PostgresServer.CreateDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await PostgresServer.DropDatabaseAsync(_database);

    [Fact]
    public async Task A_name_held_by_one_direction_is_refused_to_the_other_as_a_unique_violation()
    {
        var dataset = await AddAsync(new Dataset { Name = "names" });
        await AddAsync(new IncomingFeed { Name = "shared name", DatasetId = dataset.Id });
        await AddAsync(new OutgoingFeed { Name = "outgoing name" });

        var outgoing = async () => await AddAsync(new OutgoingFeed { Name = "shared name" });
        var incoming = async () => await AddAsync(new IncomingFeed { Name = "outgoing name", DatasetId = dataset.Id });
        var renamed = async () =>
        {
            await using var db = Context();
            await db.OutgoingFeeds.Where(f => f.Name == "outgoing name")
                .ExecuteUpdateAsync(u => u.SetProperty(f => f.Name, "shared name"), TestContext.Current.CancellationToken);
        };

        (await outgoing.Should().ThrowAsync<DbUpdateException>()).WithInnerException<PostgresException>()
            .Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
        (await incoming.Should().ThrowAsync<DbUpdateException>()).WithInnerException<PostgresException>()
            .Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
        (await renamed.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
        await AddAsync(new OutgoingFeed { Name = "another name" });
    }

    [Fact]
    public async Task Simultaneous_creations_of_one_name_in_both_directions_let_exactly_one_in()
    {
        var dataset = await AddAsync(new Dataset { Name = "race" });
        for (var round = 0; round < 20; round++)
        {
            var name = $"race {round}";
            // two connections, each inside a transaction holding its insert, commit together
            await using var first = Context();
            await using var second = Context();
            await using var t1 = await first.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await using var t2 = await second.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            first.IncomingFeeds.Add(new IncomingFeed { Name = name, DatasetId = dataset.Id });
            second.OutgoingFeeds.Add(new OutgoingFeed { Name = name });

            await first.SaveChangesAsync(TestContext.Current.CancellationToken);
            var blocked = second.SaveChangesAsync(TestContext.Current.CancellationToken);
            await Task.Delay(50, TestContext.Current.CancellationToken);
            blocked.IsCompleted.Should().BeFalse("the second insert waits for the first transaction");
            await t1.CommitAsync(TestContext.Current.CancellationToken);

            var refused = async () => await blocked;
            (await refused.Should().ThrowAsync<DbUpdateException>()).WithInnerException<PostgresException>()
                .Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
        }

        await using var db = Context();
        (await db.IncomingFeeds.CountAsync(TestContext.Current.CancellationToken)).Should().Be(20);
        (await db.OutgoingFeeds.CountAsync(TestContext.Current.CancellationToken)).Should().Be(0);
    }

    private TaxiiDbContext Context() => new(DependencyInjection.CreateOptions(_database));

    private async Task<T> AddAsync<T>(T entity)
        where T : class
    {
        await using var db = Context();
        db.Add(entity);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return entity;
    }
}
