using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;

namespace Taxii.Server.Tests.Feeds;

/// <summary>Drives a host's REST API the way an administrator does: datasets, entities, outgoing feeds and their runs.</summary>
internal sealed class FeedApi(HttpClient client)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Client => client;

    public async Task<int> CreateDatasetAsync(string name)
    {
        var created = await PostAsync("/api/v1/datasets", $$"""{"name":"{{name}}"}""", HttpStatusCode.Created);
        return created.GetProperty("id").GetInt32();
    }

    /// <summary>Adds entities (a JSON array) and returns their external ids in order.</summary>
    public async Task<IReadOnlyList<string>> AddEntitiesAsync(int datasetId, string json)
    {
        using var response = await client.PostAsync($"/api/v1/datasets/{datasetId}/entities", Json(json), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var added = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return [.. added.EnumerateArray().Select(e => e.GetProperty("externalId").GetString()!)];
    }

    public async Task DeleteEntityAsync(int datasetId, string externalId)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{datasetId}/entities?limit=500", Ct);
        var id = page.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("externalId").GetString() == externalId).GetProperty("id").GetInt64();
        (await client.DeleteAsync($"/api/v1/datasets/{datasetId}/entities/{id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    public async Task<int> CreateFeedAsync(string json) =>
        (await PostAsync("/api/v1/outgoing-feeds", json, HttpStatusCode.Created)).GetProperty("id").GetInt32();

    public async Task<JsonElement> PostAsync(string path, string json, HttpStatusCode expected)
    {
        using var response = await client.PostAsync(path, Json(json), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(expected, body);
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asks for a run and waits until it ended; returns the run.</summary>
    public async Task<JsonElement> RunAsync(int feedId)
    {
        var queued = await PostAsync($"/api/v1/outgoing-feeds/{feedId}/runs", "{}", HttpStatusCode.Accepted);
        return await WaitAsync(feedId, queued.GetProperty("id").GetInt64());
    }

    /// <summary>Asks for a run of an incoming feed and waits until it ended; returns the run.</summary>
    public async Task<JsonElement> RunIncomingAsync(int feedId)
    {
        var queued = await PostAsync($"/api/v1/incoming-feeds/{feedId}/runs", "{}", HttpStatusCode.Accepted);
        return await WaitAsync(feedId, queued.GetProperty("id").GetInt64(), "incoming-feeds");
    }

    public async Task<JsonElement> WaitAsync(int feedId, long runId, string feeds = "outgoing-feeds")
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/v1/{feeds}/{feedId}/runs/{runId}", Ct);
            if (run.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                return run;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "run {0} of feed {1} should end within a minute (now: {2})", runId, feedId, run);
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>Runs the feed, expects success, and returns each package's text (HTTP download feeds).</summary>
    public async Task<IReadOnlyList<string>> RunAndDownloadAsync(int feedId)
    {
        var run = await RunAsync(feedId);
        run.GetProperty("status").GetString().Should().Be("succeeded", run.GetProperty("error").ToString());
        var texts = new List<string>();
        foreach (var package in run.GetProperty("packages").EnumerateArray())
        {
            var sequence = package.GetProperty("sequence").GetInt32();
            using var response = await client.GetAsync($"/api/v1/outgoing-feeds/{feedId}/runs/{run.GetProperty("id").GetInt64()}/packages/{sequence}", Ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            texts.Add(await response.Content.ReadAsStringAsync(Ct));
        }

        return texts;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
