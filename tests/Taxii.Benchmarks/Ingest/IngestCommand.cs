using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Taxii.Core.Datasets;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Persistence.Embedded;
using Taxii.Persistence.Stores;

namespace Taxii.Benchmarks.Ingest;

/// <summary>
/// <c>ingest [--entities 100000] [--connection "Host=…;Username=…;Password=…"]</c>: upserts synthetic indicators (title,
/// description, TLP, an ipv4 and a domain observable each, as the feed load builds) through <see cref="EntityStore"/> in
/// packages of 1,000, each with a fresh context as a request or job would have, into a fresh database: on a throwaway
/// embedded PostgreSQL, or on the server named by <c>--connection</c> (a role that may create databases). Prints
/// entities/s for a first insert, the same packages again (all Unchanged), every entity changed (all Updated), and the
/// first two again for inputs without external ids (deduplicated by content hash); all without provenance
/// (<see cref="EntityProvenance.None"/>). Then, in a second fresh database, the first three again with provenance as an
/// upload to an incoming feed records it (the feed, and a user in two groups), and the same packages from a second feed
/// (all Unchanged, provenance added).
/// </summary>
internal static class IngestCommand
{
    private const int PerPackage = 1_000;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = int.Parse(Option(args, "--entities") ?? "100000", CultureInfo.InvariantCulture);
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, {CpuModel()}, {DateTimeOffset.UtcNow:yyyy-MM-dd}");
        var directory = Directory.CreateTempSubdirectory("taxii-ingest-");
        if (!OperatingSystem.IsWindows())
        {
            // as root the embedded server runs as postgres, which must traverse into its data directory
            File.SetUnixFileMode(directory.FullName, (UnixFileMode)0b111_101_101);
        }

        EmbeddedPostgres? server = null;
        try
        {
            var admin = Option(args, "--connection");
            if (admin is null)
            {
                server = await EmbeddedPostgres.StartAsync(
                    new EmbeddedPostgresOptions { DataDirectory = Path.Combine(directory.FullName, "pgdata"), Database = "postgres" },
                    NullLogger.Instance, cancellationToken);
                admin = server.ConnectionString("postgres");
            }

            var database = await CreateDatabaseAsync(admin, cancellationToken);
            await RunScenariosAsync(database, count, cancellationToken);
            var withProvenance = await CreateDatabaseAsync(admin, cancellationToken);
            await RunProvenanceScenariosAsync(withProvenance, count, cancellationToken);
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            directory.Delete(recursive: true);
        }
    }

    private static async Task RunScenariosAsync(string database, int count, CancellationToken cancellationToken)
    {
        var withIds = await DatasetAsync(database, "bench ingest", cancellationToken);
        var first = Packages(count, i => $"bench:indicator-{i}", "Command and control address seen in campaign");
        await UpsertAsync("(a) first insert", database, withIds, first, EntityProvenance.None, EntityUpsertOutcome.Created, cancellationToken);
        await UpsertAsync("(b) same packages again", database, withIds, first, EntityProvenance.None, EntityUpsertOutcome.Unchanged, cancellationToken);
        var changed = Packages(count, i => $"bench:indicator-{i}", "Command and control address last seen in campaign");
        await UpsertAsync("(c) every entity changed", database, withIds, changed, EntityProvenance.None, EntityUpsertOutcome.Updated, cancellationToken);

        // the observables exist by now (they are shared across datasets), as they mostly will for a feed
        var withoutIds = await DatasetAsync(database, "bench ingest without ids", cancellationToken);
        var anonymous = Packages(count, _ => null, "Command and control address seen in campaign");
        await UpsertAsync("(a') first insert, no external ids", database, withoutIds, anonymous, EntityProvenance.None, EntityUpsertOutcome.Created, cancellationToken);
        await UpsertAsync("(b') same packages again, no external ids", database, withoutIds, anonymous, EntityProvenance.None, EntityUpsertOutcome.Unchanged, cancellationToken);
    }

    /// <summary>(a), (b), (c) as an upload to an incoming feed records them, then (b) again from another feed, on a database of their own.</summary>
    private static async Task RunProvenanceScenariosAsync(string database, int count, CancellationToken cancellationToken)
    {
        var dataset = await DatasetAsync(database, "bench ingest with provenance", cancellationToken);
        var (feed, otherFeed, user) = await ProvenanceAsync(database, dataset, cancellationToken);
        var upload = new EntityProvenance(feed, user);
        var first = Packages(count, i => $"bench:indicator-{i}", "Command and control address seen in campaign");
        await UpsertAsync("(a\") first insert, with provenance", database, dataset, first, upload, EntityUpsertOutcome.Created, cancellationToken);
        await UpsertAsync("(b\") same packages again, same provenance", database, dataset, first, upload, EntityUpsertOutcome.Unchanged, cancellationToken);
        var changed = Packages(count, i => $"bench:indicator-{i}", "Command and control address last seen in campaign");
        await UpsertAsync("(c\") every entity changed, with provenance", database, dataset, changed, upload, EntityUpsertOutcome.Updated, cancellationToken);
        await UpsertAsync("(d\") same packages from another feed", database, dataset, changed, new EntityProvenance(otherFeed), EntityUpsertOutcome.Unchanged, cancellationToken);
    }

    /// <summary>Two incoming feeds storing into the dataset and a user in two groups.</summary>
    private static async Task<(int Feed, int OtherFeed, int User)> ProvenanceAsync(string database, int dataset, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = new TaxiiDbContext(DependencyInjection.CreateOptions(database));
        var feed = new IncomingFeed { Name = "bench upload", DatasetId = dataset, CreatedAt = now, UpdatedAt = now };
        var otherFeed = new IncomingFeed { Name = "bench poll", DatasetId = dataset, CreatedAt = now, UpdatedAt = now };
        var user = new User { Name = "bench analyst", CreatedAt = now, UpdatedAt = now };
        Group[] groups = [new() { Name = "bench analysts", CreatedAt = now }, new() { Name = "bench uploaders", CreatedAt = now }];
        db.AddRange(feed, otherFeed, user);
        db.Groups.AddRange(groups);
        await db.SaveChangesAsync(cancellationToken);
        db.GroupMemberships.AddRange(groups.Select(g => new GroupMembership { UserId = user.Id, GroupId = g.Id }));
        await db.SaveChangesAsync(cancellationToken);
        return (feed.Id, otherFeed.Id, user.Id);
    }

    private static async Task UpsertAsync(
        string scenario, string database, int datasetId, List<List<NewEntity>> packages, EntityProvenance provenance, EntityUpsertOutcome expected,
        CancellationToken cancellationToken)
    {
        var options = DependencyInjection.CreateOptions(database);
        var latencies = new List<double>(packages.Count);
        var clock = Stopwatch.StartNew();
        foreach (var package in packages)
        {
            var started = clock.Elapsed;
            await using var db = new TaxiiDbContext(options);
            var results = await new EntityStore(db, TimeProvider.System).UpsertAsync(datasetId, package, provenance, cancellationToken);
            if (results.Any(r => r.Outcome != expected))
            {
                throw new InvalidOperationException($"{scenario}: expected every entity {expected}, got {results.First(r => r.Outcome != expected).Outcome}");
            }

            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
        }

        var total = packages.Sum(p => p.Count);
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario}: {total:N0} entities in {clock.Elapsed.TotalSeconds:F2} s = {total / clock.Elapsed.TotalSeconds:N0} entities/s; "
            + $"per package of {PerPackage:N0}: median {latencies[latencies.Count / 2]:F1} ms, p95 {latencies[(int)(latencies.Count * 0.95)]:F1} ms"));
    }

    private static List<List<NewEntity>> Packages(int count, Func<int, string?> externalId, string description) =>
        [.. Enumerable.Range(0, count).Select(i => new NewEntity(
                EntityType.Indicator,
                ExternalId: externalId(i),
                Title: $"bench indicator {i}",
                Description: $"{description} {i % 97}",
                Tlp: Tlp.Amber,
                Reliability: 'B',
                Sources: ["benchmark"],
                Observables:
                [
                    new NewObservable("ipv4", $"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}", Maliciousness.High),
                    new NewObservable("domain", $"c2-{i}.bench.example"),
                ]))
            .Chunk(PerPackage).Select(c => c.ToList())];

    private static async Task<string> CreateDatabaseAsync(string admin, CancellationToken cancellationToken)
    {
        var name = "taxii_ingest_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var database = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        await using var db = new TaxiiDbContext(DependencyInjection.CreateOptions(database));
        await db.Database.MigrateAsync(cancellationToken);
        return database;
    }

    private static async Task<int> DatasetAsync(string database, string name, CancellationToken cancellationToken)
    {
        await using var db = new TaxiiDbContext(DependencyInjection.CreateOptions(database));
        var dataset = new Dataset { Name = name, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        db.Datasets.Add(dataset);
        await db.SaveChangesAsync(cancellationToken);
        return dataset.Id;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
}
