using System.Diagnostics;
using System.Globalization;
using System.Text;
using Taxii.Protocol.Messages;

namespace Taxii.Benchmarks.Load;

/// <summary>
/// Ingestion of many small packages: 10,000 STIX 1.2 packages of 4 indicators each are pushed into a collection of this
/// server, then an incoming <c>taxii-poll</c> feed polls that collection from the same server (over loopback, as it would a
/// peer) and stores every package into a dataset. Timed from the run's start to its end as the server records them;
/// the server's and PostgreSQL's CPU per package are reported. The per-package overhead (transactions, round trips) is
/// what this shape measures: the remote answers the whole poll in a few seconds. A first feed's run warms the server;
/// a second feed, into a fresh dataset, gives the figures.
/// </summary>
internal static class PollIngestLoad
{
    private const int Packages = 10_000;
    private const int PerPackage = 4;
    private const int BlocksPerPush = 100;

    public static async Task RunAsync(LoadClients clients, CancellationToken cancellationToken)
    {
        var collection = LoadServer.Collections[7];
        using var http = AdminApi.Client(clients.Server);
        var client = clients.Create();
        for (var first = 0; first < Packages; first += BlocksPerPush)
        {
            var blocks = Enumerable.Range(first, BlocksPerPush)
                .Select(p => new ContentBlock(new ContentBinding(ContentBindingIds.Stix12), TaxiiContent.FromXml(Stix.Indicators(1_000_000 + (p * PerPackage), PerPackage))))
                .ToArray();
            var status = await client.InboxAsync(clients.Inbox, InboxLoad.Message(blocks, collection), cancellationToken);
            if (status.Status != StatusType.Success)
            {
                throw new InvalidOperationException($"inbox answered {status.Status.Value}: {status.Message}");
            }
        }

        var size = Encoding.UTF8.GetByteCount(Stix.Indicators(1_000_000, PerPackage));
        Console.WriteLine($"ingest-poll: {Packages:N0} packages of {PerPackage} indicators ({size:N0} bytes each) in collection {collection}");
        // the first run warms the server (JIT tiering, pools, caches); the second, into a fresh dataset, is the figure
        await IngestAsync(clients, http, collection, "warm-up", cancellationToken);
        await IngestAsync(clients, http, collection, "measured", cancellationToken);
    }

    private static async Task IngestAsync(LoadClients clients, HttpClient http, string collection, string label, CancellationToken cancellationToken)
    {
        var dataset = (await AdminApi.PostAsync(http, "/api/v1/datasets", $$"""{"name":"bench-poll-ingest-{{label}}"}""", cancellationToken)).GetProperty("id").GetInt32();
        var feed = (await AdminApi.PostAsync(http, "/api/v1/incoming-feeds", $$"""
            {"name":"bench poll ingest {{label}}","datasetId":{{dataset}},"contentType":"stix-1.2","transport":{"type":"taxii-poll",
             "pollUrl":"{{clients.Poll}}","collectionName":"{{collection}}","username":"{{LoadServer.AdminName}}","password":"{{LoadServer.AdminPassword}}"} }
            """, cancellationToken)).GetProperty("id").GetInt32();

        var cpu = CpuSplit.Start(clients.Server);
        var clock = Stopwatch.StartNew();
        var run = await AdminApi.PostAsync(http, $"/api/v1/incoming-feeds/{feed}/runs", "{}", cancellationToken);
        var runId = run.GetProperty("id").GetInt64();
        while (run.GetProperty("status").GetString() is "queued" or "running" && clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(100, cancellationToken);
            run = await AdminApi.GetAsync(http, $"/api/v1/incoming-feeds/{feed}/runs/{runId}", cancellationToken);
        }

        clock.Stop();
        cpu.Stop();
        var stored = run.GetProperty("packageCount").GetInt32();
        if (run.GetProperty("status").GetString() != "succeeded" || stored != Packages)
        {
            throw new InvalidOperationException($"the run ended {run.GetProperty("status").GetString()} with {stored} packages stored: {run}");
        }

        var ran = run.GetProperty("endedAt").GetDateTimeOffset() - run.GetProperty("startedAt").GetDateTimeOffset();
        LoadCommand.Report($"ingest-poll ({label}): stored by the taxii-poll feed (run start to end)", stored, ran, "packages/s");
        LoadCommand.Report($"ingest-poll ({label}): from the run request to its end, as seen by the client", stored, clock.Elapsed, "packages/s");
        Console.WriteLine("  " + cpu.Describe(stored, "package"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  entities created {run.GetProperty("entitiesCreated").GetInt32():N0}, observables {run.GetProperty("observableCount").GetInt32():N0}; server peak RSS {clients.Server.PeakResidentBytes() / 1048576.0:F0} MB"));
    }
}
