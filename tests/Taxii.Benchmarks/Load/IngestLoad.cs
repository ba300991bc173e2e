using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Taxii.Protocol.Messages;

namespace Taxii.Benchmarks.Load;

/// <summary>
/// Ingestion: an incoming TAXII inbox feed bound to a collection, and 100,000 STIX 1.2 indicators pushed into that
/// inbox in packages of 1,000 (one content block per Inbox_Message). Timed from the first push until the feed's runs
/// have stored every entity; the server is restarted before, so its peak RSS is the ingestion's own.
/// </summary>
internal static class IngestLoad
{
    private const int Entities = 100_000;
    private const int PerPackage = 1_000;

    public static async Task RunAsync(LoadClients clients, CancellationToken cancellationToken)
    {
        using var http = AdminApi.Client(clients.Server);
        var dataset = (await AdminApi.PostAsync(http, "/api/v1/datasets", """{"name":"bench-ingest-target"}""", cancellationToken)).GetProperty("id").GetInt32();
        var feed = (await AdminApi.PostAsync(http, "/api/v1/incoming-feeds", $$"""
            {"name":"bench ingest","datasetId":{{dataset}},"contentType":"stix-1.2","transport":{"type":"taxii-inbox","collectionName":"{{LoadServer.Collections[4]}}"} }
            """, cancellationToken)).GetProperty("id").GetInt32();
        var packages = Enumerable.Range(0, Entities / PerPackage)
            .Select(p => new ContentBlock(new ContentBinding(ContentBindingIds.Stix12), TaxiiContent.FromXml(Stix.Indicators(p * PerPackage, PerPackage))))
            .ToList();
        Console.WriteLine($"ingest: {packages.Count} packages of {PerPackage} indicators, {Encoding.UTF8.GetByteCount(packages[0].Content.Value) / 1024} KB each");

        await clients.Server.RestartAsync(cancellationToken);
        var client = clients.Create();
        var clock = Stopwatch.StartNew();
        foreach (var package in packages)
        {
            var status = await client.InboxAsync(clients.Inbox, InboxLoad.Message([package], LoadServer.Collections[4]), cancellationToken);
            if (status.Status != StatusType.Success)
            {
                throw new InvalidOperationException($"inbox answered {status.Status.Value}: {status.Message}");
            }
        }

        var pushed = clock.Elapsed;
        var stored = 0;
        while (stored < Entities && clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(250, cancellationToken);
            stored = await StoredAsync(http, feed, cancellationToken);
        }

        LoadCommand.Report("ingest: pushed into the inbox", Entities, pushed, "entities/s");
        LoadCommand.Report("ingest: stored by the inbox feed (from the first push)", stored, clock.Elapsed, "entities/s");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest: server peak RSS {clients.Server.PeakResidentBytes() / 1048576.0:F0} MB"));

        // the same packages again: all known, skipped by their SHA-256 without being read
        var again = Stopwatch.StartNew();
        var runsBefore = await RunCountAsync(http, feed, cancellationToken);
        foreach (var package in packages.Take(20))
        {
            await client.InboxAsync(clients.Inbox, InboxLoad.Message([package], LoadServer.Collections[4]), cancellationToken);
        }

        Console.WriteLine($"ingest: 20 packages pushed again in {again.Elapsed.TotalSeconds:F2} s; runs since: {await RunCountAsync(http, feed, cancellationToken) - runsBefore}");
    }

    private static async Task<int> StoredAsync(HttpClient http, int feed, CancellationToken cancellationToken)
    {
        var total = 0;
        long? before = null;
        do
        {
            var page = await AdminApi.GetAsync(http, $"/api/v1/incoming-feeds/{feed}/runs?limit=500{(before is null ? "" : $"&before={before}")}", cancellationToken);
            total += page.GetProperty("items").EnumerateArray().Sum(r => r.GetProperty("entitiesCreated").GetInt32() + r.GetProperty("entitiesUpdated").GetInt32() + r.GetProperty("entitiesUnchanged").GetInt32());
            before = page.GetProperty("next").ValueKind == JsonValueKind.Number ? page.GetProperty("next").GetInt64() : null;
        }
        while (before is not null);
        return total;
    }

    private static async Task<int> RunCountAsync(HttpClient http, int feed, CancellationToken cancellationToken) =>
        (await AdminApi.GetAsync(http, $"/api/v1/incoming-feeds/{feed}/runs?limit=500", cancellationToken)).GetProperty("items").GetArrayLength();

}
