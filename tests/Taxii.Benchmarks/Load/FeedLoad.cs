using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Taxii.Benchmarks.Load;

/// <summary>
/// Outgoing feed runs over a 100,000-entity dataset: the entities go in through the REST API (1,000 per request), then
/// the server is restarted (so its peak RSS counts the runs alone) and one replace run per content type is asked for
/// and timed from its own record (start to end), with the server's peak RSS after each.
/// </summary>
internal static class FeedLoad
{
    private const int Entities = 100_000;
    private const int PerRequest = 1_000;

    public static async Task RunAsync(LoadClients clients, CancellationToken cancellationToken)
    {
        using var http = AdminApi.Client(clients.Server);
        var dataset = await FillDatasetAsync(http, "bench-feed-source", cancellationToken);
        var feeds = new Dictionary<string, int>();
        foreach (var contentType in new[] { "eclecticiq-json", "stix-1.2" })
        {
            feeds[contentType] = (await AdminApi.PostAsync(http, "/api/v1/outgoing-feeds", $$"""
                {"name":"bench {{contentType}}","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"{{contentType}}","updateStrategy":"replace"}
                """, cancellationToken)).GetProperty("id").GetInt32();
        }

        await clients.Server.RestartAsync(cancellationToken);
        Console.WriteLine($"feed: server RSS after restart {clients.Server.ResidentBytes() / 1048576.0:F0} MB");
        foreach (var (contentType, feed) in feeds)
        {
            await RunAndReportAsync(http, clients.Server, $"feed run {contentType}", feed, cancellationToken);
        }
    }


    /// <summary>A new dataset of 100,000 indicators added over the REST API, 1,000 per request; returns its id.</summary>
    public static async Task<int> FillDatasetAsync(HttpClient http, string name, CancellationToken cancellationToken)
    {
        var dataset = (await AdminApi.PostAsync(http, "/api/v1/datasets", $$"""{"name":"{{name}}"}""", cancellationToken)).GetProperty("id").GetInt32();
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < Entities; start += PerRequest)
        {
            await AdminApi.PostAsync(http, $"/api/v1/datasets/{dataset}/entities", Batch(start), cancellationToken);
        }

        LoadCommand.Report($"{name}: entities added over the REST API", Entities, clock.Elapsed, "entities/s");
        return dataset;
    }

    /// <summary>Asks for a run of the feed, waits for it, and prints its record's figures with the server's peak RSS; returns the run.</summary>
    public static async Task<JsonElement> RunAndReportAsync(HttpClient http, LoadServer server, string label, int feed, CancellationToken cancellationToken)
    {
        var queued = await AdminApi.PostAsync(http, $"/api/v1/outgoing-feeds/{feed}/runs", "{}", cancellationToken);
        var run = await WaitAsync(http, feed, queued.GetProperty("id").GetInt64(), cancellationToken);
        var started = run.GetProperty("startedAt").GetDateTimeOffset();
        var ended = run.GetProperty("endedAt").GetDateTimeOffset();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {run.GetProperty("status").GetString()}{(run.GetProperty("error").GetString() is { } error ? $" ({error})" : "")}, "
            + $"{run.GetProperty("entityCount").GetInt32():N0} entities, {run.GetProperty("packageCount").GetInt32()} packages, "
            + $"{run.GetProperty("totalBytes").GetInt64() / 1048576.0:F1} MB in {(ended - started).TotalSeconds:F2} s "
            + $"= {run.GetProperty("entityCount").GetInt32() / (ended - started).TotalSeconds:N0} entities/s; server peak RSS {server.PeakResidentBytes() / 1048576.0:F0} MB"));
        return run;
    }

    private static string Batch(int start)
    {
        var json = new StringBuilder("[");
        for (var i = start; i < start + PerRequest; i++)
        {
            json.Append(i == start ? "" : ",").Append(CultureInfo.InvariantCulture,
                $$"""{"type":"indicator","title":"bench indicator {{i}}","description":"Command and control address seen in campaign {{i % 97}}","tlp":"amber","reliability":"B","sources":["benchmark"],"observables":[{"kind":"ipv4","value":"10.{{i >> 16}}.{{(i >> 8) & 255}}.{{i & 255}}","maliciousness":"high"},{"kind":"domain","value":"c2-{{i}}.bench.example"}]}""");
        }

        return json.Append(']').ToString();
    }

    private static async Task<JsonElement> WaitAsync(HttpClient http, int feed, long run, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            using var response = await http.GetAsync($"/api/v1/outgoing-feeds/{feed}/runs/{run}", cancellationToken);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
            if (body.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                return body;
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"run {run} of feed {feed} did not end within 10 minutes");
    }
}
