using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Taxii.Testing;

namespace Taxii.Persistence.Tests;

/// <summary>
/// The EntityProvenance migration on a database that already holds entities: it records what the runs, uploads and
/// audit entries tell, and nothing where writers overlap or none is known.
/// </summary>
public sealed class ProvenanceMigrationTests
{
    private const string Before = "20261207054745_SharedFailedLoginCounts";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Existing_entities_get_the_feeds_users_and_groups_their_writers_left_records_of()
    {
        var database = await PostgresServer.CreateDatabaseAsync(migrated: false, Ct);
        try
        {
            await using var db = new TaxiiDbContext(DependencyInjection.CreateOptions(database));
            await db.GetService<IMigrator>().MigrateAsync(Before, cancellationToken: Ct);
            await ExecuteAsync(database, """
                INSERT INTO users (id, name, is_active, is_admin, created_at, updated_at) OVERRIDING SYSTEM VALUE
                VALUES (1, 'alice', true, false, now(), now());
                INSERT INTO groups (id, name, created_at) OVERRIDING SYSTEM VALUE VALUES (1, 'analysts', now()), (2, 'others', now());
                INSERT INTO group_memberships (user_id, group_id) VALUES (1, 1);
                INSERT INTO datasets (id, name, created_at, updated_at) OVERRIDING SYSTEM VALUE VALUES (1, 'd', now(), now());
                INSERT INTO incoming_feeds (id, name, dataset_id, enabled, last_content_block_id, transport_type, transport, created_at, updated_at)
                OVERRIDING SYSTEM VALUE VALUES (1, 'A', 1, true, 0, 'TaxiiPoll', '{}', now(), now()), (2, 'B', 1, true, 0, 'TaxiiPoll', '{}', now(), now());
                INSERT INTO incoming_feed_runs (id, feed_id, trigger, status, queued_at, started_at, ended_at, package_count, skipped_package_count,
                    failed_package_count, entities_created, entities_updated, entities_unchanged, entities_removed, observable_count)
                OVERRIDING SYSTEM VALUE VALUES
                    (1, 1, 'Schedule', 'Succeeded', '2026-12-01 10:00Z', '2026-12-01 10:00Z', '2026-12-01 10:05Z', 1, 0, 0, 0, 0, 0, 0, 0),
                    (2, 2, 'Schedule', 'Succeeded', '2026-12-01 11:00Z', '2026-12-01 11:00Z', '2026-12-01 11:05Z', 1, 0, 0, 0, 0, 0, 0, 0),
                    (3, 1, 'Upload', 'Succeeded', '2026-12-01 12:00Z', '2026-12-01 12:00Z', '2026-12-01 12:01Z', 1, 0, 0, 0, 0, 0, 0, 0),
                    (4, 2, 'Schedule', 'Succeeded', '2026-12-01 14:00Z', '2026-12-01 14:00Z', '2026-12-01 14:10Z', 1, 0, 0, 0, 0, 0, 0, 0);
                INSERT INTO ingested_packages (dataset_id, sha256, size, feed_id, run_id, source, ingested_at) VALUES
                    (1, '\x01', 1, 1, 1, 'p1', '2026-12-01 10:01Z'), (1, '\x02', 1, 2, 2, 'p2', '2026-12-01 11:01Z'),
                    (1, '\x03', 1, 1, 3, 'p3', '2026-12-01 12:00Z'), (1, '\x04', 1, 2, 4, 'p4', '2026-12-01 14:01Z'),
                    (1, '\x05', 1, NULL, NULL, 'upload', '2026-12-01 15:00Z');
                INSERT INTO audit_log (at, user_id, user_name, action, resource) VALUES
                    ('2026-12-01 12:00:30Z', 1, 'alice', 'upload', 'incoming-feeds/1'),
                    ('2026-12-01 13:00Z', 1, 'alice', 'add', 'datasets/1/entities'),
                    ('2026-12-01 14:05Z', 1, 'alice', 'add', 'datasets/1/entities'),
                    ('2026-12-01 15:00:02Z', 1, 'alice', 'upload', 'datasets/1');
                INSERT INTO entities (id, dataset_id, external_id, type, content_hash, sources, created_at, updated_at) OVERRIDING SYSTEM VALUE VALUES
                    (1, 1, 'by-a', 'Indicator', '\x01', '{}', '2026-12-01 10:02Z', '2026-12-01 10:02Z'),
                    (2, 1, 'by-b', 'Indicator', '\x02', '{}', '2026-12-01 11:02Z', '2026-12-01 11:02Z'),
                    (3, 1, 'by-a-then-b', 'Indicator', '\x03', '{}', '2026-12-01 10:03Z', '2026-12-01 11:03Z'),
                    (4, 1, 'uploaded-to-a', 'Indicator', '\x04', '{}', '2026-12-01 12:00:10Z', '2026-12-01 12:00:10Z'),
                    (5, 1, 'added', 'Indicator', '\x05', '{}', '2026-12-01 12:59:59Z', '2026-12-01 12:59:59Z'),
                    (6, 1, 'unknown', 'Indicator', '\x06', '{}', '2026-12-01 09:00Z', '2026-12-01 09:00Z'),
                    (7, 1, 'ambiguous', 'Indicator', '\x07', '{}', '2026-12-01 14:04:30Z', '2026-12-01 14:04:30Z'),
                    (8, 1, 'uploaded-to-dataset', 'Indicator', '\x08', '{}', '2026-12-01 15:00:01Z', '2026-12-01 15:00:01Z');
                """);

            await db.Database.MigrateAsync(Ct);

            var feeds = await db.EntityIncomingFeeds.OrderBy(x => x.EntityId).ThenBy(x => x.IncomingFeedId)
                .Select(x => $"{x.EntityId}:{x.IncomingFeedId}").ToListAsync(Ct);
            feeds.Should().Equal("1:1", "2:2", "3:1", "3:2", "4:1");
            var users = await db.EntityContributors.OrderBy(x => x.EntityId).Select(x => $"{x.EntityId}:{x.UserId}").ToListAsync(Ct);
            users.Should().Equal("4:1", "5:1", "8:1");
            var groups = await db.EntityContributorGroups.OrderBy(x => x.EntityId).Select(x => $"{x.EntityId}:{x.GroupId}").ToListAsync(Ct);
            groups.Should().Equal("4:1", "5:1", "8:1");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
