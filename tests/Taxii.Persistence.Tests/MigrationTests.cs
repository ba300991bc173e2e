using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Taxii.Core.Collections;
using Taxii.Testing;

namespace Taxii.Persistence.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_build_the_whole_schema_on_an_empty_database()
    {
        var database = await PostgresServer.CreateDatabaseAsync(migrated: false, TestContext.Current.CancellationToken);
        try
        {
            await using var db = new TaxiiDbContext(DependencyInjection.CreateOptions(database));
            (await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).Should().NotBeEmpty();

            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

            (await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).Should().BeEmpty();
            var columns = await ColumnTypesAsync(database, "content_blocks");
            columns.Should().Contain(new Dictionary<string, string>
            {
                ["content"] = "bytea",
                ["sha256"] = "bytea",
                ["timestamp_label"] = "timestamp with time zone",
                ["created_at"] = "timestamp with time zone",
            });
            (await ColumnTypesAsync(database, "roles"))["permissions"].Should().Be("ARRAY");
            (await IndexDefinitionsAsync(database, "content_blocks")).Should().Contain(d =>
                d.Contains("(collection_id, timestamp_label, id)", StringComparison.Ordinal), "polls read one collection in keyset order");
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var compression = new NpgsqlCommand(
                "SELECT attcompression::text FROM pg_attribute WHERE attrelid = 'content_blocks'::regclass AND attname = 'content'", connection);
            (await compression.ExecuteScalarAsync(TestContext.Current.CancellationToken)).Should()
                .Be("l", "stored content is compressed with lz4 on a PostgreSQL built with it (Debian's is)");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Migrating_twice_is_a_no_op()
    {
        var database = await PostgresServer.CreateDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            await using var db = new TaxiiDbContext(DependencyInjection.CreateOptions(database));

            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

            (await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).Should()
                .Equal(db.Database.GetMigrations());
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Content_blocks_keep_bytes_hash_and_microsecond_labels_and_names_stay_unique()
    {
        var database = await PostgresServer.CreateDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            var label = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero).AddTicks(1234560);
            byte[] content = [0x3C, 0x00, 0xFF, 0x3E];
            await using (var db = new TaxiiDbContext(DependencyInjection.CreateOptions(database)))
            {
                var collection = new Collection { Name = "urn:example:collection", CreatedAt = label, UpdatedAt = label };
                db.Collections.Add(collection);
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
                db.ContentBlocks.Add(new ContentBlock
                {
                    CollectionId = collection.Id,
                    Content = content,
                    ContentBinding = "urn:stix.mitre.org:xml:1.2",
                    Sha256 = System.Security.Cryptography.SHA256.HashData(content),
                    TimestampLabel = label,
                    CreatedAt = label,
                });
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            }

            await using (var db = new TaxiiDbContext(DependencyInjection.CreateOptions(database)))
            {
                var block = await db.ContentBlocks.SingleAsync(TestContext.Current.CancellationToken);
                block.Content.Should().Equal(content);
                block.Sha256.Should().Equal(System.Security.Cryptography.SHA256.HashData(content));
                block.TimestampLabel.Should().Be(label);

                db.Collections.Add(new Collection { Name = "urn:example:collection" });
                var duplicate = () => db.SaveChangesAsync(TestContext.Current.CancellationToken);
                (await duplicate.Should().ThrowAsync<DbUpdateException>()).WithInnerException<PostgresException>()
                    .Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
            }
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    private static async Task<Dictionary<string, string>> ColumnTypesAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1", connection);
        command.Parameters.AddWithValue(table);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            columns[reader.GetString(0)] = reader.GetString(1);
        }

        return columns;
    }

    private static async Task<List<string>> IndexDefinitionsAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1", connection);
        command.Parameters.AddWithValue(table);
        await using var reader = await command.ExecuteReaderAsync();
        var definitions = new List<string>();
        while (await reader.ReadAsync())
        {
            definitions.Add(reader.GetString(0));
        }

        return definitions;
    }
}
