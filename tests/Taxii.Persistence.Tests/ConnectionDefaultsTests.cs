using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Taxii.Persistence.Tests;

/// <summary>
/// The Npgsql settings the context adds to the operator's connection string (the operator's own win), and which
/// statements are prepared on the server: only the lookups marked <see cref="PreparedLookups.Prepared{T}"/>.
/// </summary>
[Collection(ConnectionPoolCollection.Name)]
public sealed class ConnectionDefaultsTests : OwnDatabase
{
    [Fact]
    public async Task Statements_are_not_prepared_unless_the_operator_asks()
    {
        // a generic plan made while a table was small outlives its growth (docs/performance.md)
        (await ServerPreparedStatementsAfterRepeatsAsync(Database)).Should().Be(0);
    }

    [Fact]
    public async Task A_marked_lookup_is_prepared_once_on_its_connection_and_kept_when_the_connection_is_pooled()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 3; i++)
        {
            // a new context and a pooled connection each time, as requests get them
            await using var db = new TaxiiDbContext(DependencyInjection.CreateOptions(Database));
            var name = "collection " + i;
            (await db.Collections.Prepared().AsNoTracking().Where(c => c.Name == name).ToListAsync(ct)).Should().BeEmpty();
        }

        await using var check = new TaxiiDbContext(DependencyInjection.CreateOptions(Database));
        await check.Database.OpenConnectionAsync(ct);
        var prepared = await check.Database
            .SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements WHERE NOT from_sql").ToListAsync(ct);
        prepared.Should().ContainSingle().Which.Should().Contain("taxii:prepared").And.Contain("collections");
    }

    [Fact]
    public async Task An_operator_who_turns_automatic_preparation_on_gets_prepared_statements()
    {
        var on = new NpgsqlConnectionStringBuilder(Database) { MaxAutoPrepare = 8 }.ConnectionString;

        (await ServerPreparedStatementsAfterRepeatsAsync(on)).Should().BeGreaterThan(0);
    }

    [Fact]
    public void Defaults_fill_only_what_the_connection_string_leaves_unset()
    {
        var bare = new NpgsqlConnectionStringBuilder(DependencyInjection.WithDefaults("Host=db.example;Database=taxii;Username=taxii"));
        var given = new NpgsqlConnectionStringBuilder(DependencyInjection.WithDefaults(
            "Host=db.example;Database=taxii;Username=taxii;Max Auto Prepare=7;Read Buffer Size=16384"));

        bare.MaxAutoPrepare.Should().Be(0);
        bare.ReadBufferSize.Should().Be(64 * 1024);
        bare.Host.Should().Be("db.example");
        bare.Database.Should().Be("taxii");
        given.MaxAutoPrepare.Should().Be(7);
        given.ReadBufferSize.Should().Be(16384);
    }

    // server-side prepared statements Npgsql made itself (pg_prepared_statements.from_sql is false for protocol-level ones)
    private static async Task<long> ServerPreparedStatementsAfterRepeatsAsync(string connectionString)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = new TaxiiDbContext(DependencyInjection.CreateOptions(connectionString));
        await db.Database.OpenConnectionAsync(ct);
        for (var i = 0; i < 10; i++)
        {
            var name = "collection " + i;
            await db.Collections.AsNoTracking().Where(c => c.Name == name && c.Enabled).CountAsync(ct);
        }

        // the marked lookups another test prepared may sit on the same pooled connection
        return await db.Database.SqlQueryRaw<long>(
                "SELECT count(*) AS \"Value\" FROM pg_prepared_statements WHERE NOT from_sql AND statement NOT LIKE '%taxii:prepared%'")
            .SingleAsync(ct);
    }
}
