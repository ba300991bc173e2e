using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Server.Tests.Admin;
using Taxii.Server.Tests.Taxii;
using Taxii.Testing;

namespace Taxii.Server.Tests.Feeds;

/// <summary>Outgoing feed runs carried out by the host's own job server, over its REST API and TAXII services.</summary>
public sealed class OutgoingFeedRunTests(OutgoingFeedRunTests.Factory app) : IClassFixture<OutgoingFeedRunTests.Factory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Factory : TaxiiAppFactory
    {
        public string PushDirectory { get; } = TempDirectory.Create("taxii-push");

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:MountPoints:PushAllowedDirectories:0"] = PushDirectory,
        };

        protected override async Task SeedAsync()
        {
            await CreateUserAsync(AdminApiFactory.AdminName, AdminApiFactory.Password, admin: true);
            await CreateUserAsync(AdminApiFactory.NobodyName, AdminApiFactory.Password);
        }
    }

    private FeedApi Admin => new(app.CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password));

    [Fact]
    public async Task Diff_publishes_additions_then_removals_and_nothing_when_nothing_changed()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("diff-ds");
        var ids = await api.AddEntitiesAsync(dataset, """
            [{"type":"indicator","title":"first","observables":[{"kind":"ipv4","value":"198.51.100.1","maliciousness":"high"}]},
             {"type":"indicator","title":"second","observables":[{"kind":"domain","value":"second.example"}]}]
            """);
        var feed = await api.CreateFeedAsync($$"""{"name":"diff csv","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"csv","updateStrategy":"diff"}""");

        var first = Rows(await api.RunAndDownloadAsync(feed));
        first.Should().BeEquivalentTo(["add 198.51.100.1", "add second.example"]);

        await api.DeleteEntityAsync(dataset, ids[1]);
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"third","observables":[{"kind":"url","value":"http://third.example/x"}]}]""");
        var second = Rows(await api.RunAndDownloadAsync(feed));
        second.Should().BeEquivalentTo(["add http://third.example/x", "del second.example"]);

        var third = await api.RunAsync(feed);
        third.GetProperty("status").GetString().Should().Be("succeeded");
        third.GetProperty("packageCount").GetInt32().Should().Be(0, "nothing changed since the last run");
    }

    [Fact]
    public async Task Append_publishes_new_and_changed_entities_and_replace_everything()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("append-ds");
        var ids = await api.AddEntitiesAsync(dataset, """
            [{"type":"indicator","title":"a","observables":[{"kind":"ipv4","value":"203.0.113.1"}]},
             {"type":"indicator","title":"b","observables":[{"kind":"ipv4","value":"203.0.113.2"}]}]
            """);
        var append = await api.CreateFeedAsync($$"""{"name":"append text","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"plain-text","updateStrategy":"append"}""");
        var replace = await api.CreateFeedAsync($$"""{"name":"replace text","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"plain-text","updateStrategy":"replace"}""");
        Lines(await api.RunAndDownloadAsync(append)).Should().BeEquivalentTo(["203.0.113.1", "203.0.113.2"]);
        Lines(await api.RunAndDownloadAsync(replace)).Should().BeEquivalentTo(["203.0.113.1", "203.0.113.2"]);

        await api.AddEntitiesAsync(dataset, $$"""
            [{"type":"indicator","externalId":"{{ids[0]}}","title":"a, renamed","observables":[{"kind":"ipv4","value":"203.0.113.1"}]},
             {"type":"indicator","title":"c","observables":[{"kind":"ipv4","value":"203.0.113.3"}]}]
            """);

        Lines(await api.RunAndDownloadAsync(append)).Should().BeEquivalentTo(["203.0.113.1", "203.0.113.3"], "the changed and the new entity");
        Lines(await api.RunAndDownloadAsync(replace)).Should().BeEquivalentTo(["203.0.113.1", "203.0.113.2", "203.0.113.3"]);
        (await api.RunAsync(append)).GetProperty("packageCount").GetInt32().Should().Be(0);
        var latest = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{replace}/runs/latest", Ct);
        latest.GetProperty("entityCount").GetInt32().Should().Be(3);
        using var download = await api.Client.GetAsync($"/api/v1/outgoing-feeds/{replace}/runs/latest/packages/1", Ct);
        download.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        download.Content.Headers.ContentDisposition!.FileName.Should().EndWith(".txt");
        using var outsider = await app.CreateClient(AdminApiFactory.NobodyName, AdminApiFactory.Password)
            .GetAsync($"/api/v1/outgoing-feeds/{replace}/runs/latest/packages/1", Ct);
        outsider.StatusCode.Should().Be(HttpStatusCode.NotFound, "only members of the feed's groups download its packages");
    }

    [Fact]
    public async Task The_filter_selects_types_tlp_reliability_and_observable_kinds()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("filter-ds");
        await api.AddEntitiesAsync(dataset, """
            [{"type":"indicator","title":"kept","tlp":"green","reliability":"B","observables":[{"kind":"ipv4","value":"192.0.2.10"},{"kind":"domain","value":"kept.example"}]},
             {"type":"indicator","title":"too secret","tlp":"red","observables":[{"kind":"ipv4","value":"192.0.2.11"}]},
             {"type":"indicator","title":"unreliable","reliability":"E","observables":[{"kind":"ipv4","value":"192.0.2.12"}]},
             {"type":"incident","title":"wrong type","observables":[{"kind":"ipv4","value":"192.0.2.13"}]},
             {"type":"indicator","title":"no address","observables":[{"kind":"domain","value":"other.example"}]}]
            """);
        var feed = await api.CreateFeedAsync($$"""
            {"name":"filtered","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"plain-text","updateStrategy":"replace",
             "filter":{"entityTypes":["indicator"],"maxTlp":"amber","minReliability":"C","observableKinds":["ipv4"]} }
            """);

        Lines(await api.RunAndDownloadAsync(feed)).Should().Equal("192.0.2.10");
    }

    [Fact]
    public async Task A_taxii_poll_feed_is_polled_incrementally_by_a_taxii_client()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("poll-ds");
        var first = await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"polled","observables":[{"kind":"ipv4","value":"198.51.100.77"}]}]""");
        var feed = await api.CreateFeedAsync($$"""{"name":"poll json","datasetIds":[{{dataset}}],"transport":{"type":"taxii-poll","collectionName":"published-json"},"contentType":"eclecticiq-json"}""");
        (await api.RunAsync(feed)).GetProperty("status").GetString().Should().Be("succeeded");
        var client = app.CreateTaxiiClient(user: AdminApiFactory.AdminName, password: AdminApiFactory.Password);

        var poll = await client.PollAsync(app.Address("/taxii-poll-service/"), TaxiiData.PollOf("published-json"), Ct);
        var block = poll.ContentBlocks.Should().ContainSingle().Subject;
        block.Binding.BindingId.Should().Be("urn:eclecticiq.com:json:1.0");
        EntityIds(block).Should().Equal(first);

        var second = await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"later","observables":[{"kind":"ipv4","value":"198.51.100.78"}]}]""");
        (await api.RunAsync(feed)).GetProperty("status").GetString().Should().Be("succeeded");
        var next = await client.PollAsync(app.Address("/taxii-poll-service/"), TaxiiData.PollOf("published-json", begin: poll.Header.InclusiveEndTimestamp), Ct);
        EntityIds(next.ContentBlocks.Should().ContainSingle().Subject).Should().Equal(second);
    }

    [Fact]
    public async Task A_mount_point_feed_writes_whole_files_into_its_directory()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("mount-ds");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"mounted","observables":[{"kind":"domain","value":"mounted.example"}]}]""");
        var directory = Directory.CreateDirectory(Path.Combine(app.PushDirectory, "blocklist")).FullName;
        var feed = await api.CreateFeedAsync($$"""{"name":"mount text","datasetIds":[{{dataset}}],"transport":{"type":"mount-point","directory":"{{directory}}"},"contentType":"plain-text","updateStrategy":"replace"}""");

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("succeeded", run.GetProperty("error").ToString());
        var file = Directory.GetFiles(directory).Should().ContainSingle().Subject;
        Path.GetFileName(file).Should().Be(run.GetProperty("packages")[0].GetProperty("fileName").GetString());
        (await File.ReadAllTextAsync(file, Ct)).Should().Be("mounted.example\n");
    }

    [Fact]
    public async Task A_run_that_cannot_deliver_fails_with_the_reason()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("fail-ds");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"undeliverable"}]""");
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there any more
        var feed = await api.CreateFeedAsync($$"""
            {"name":"to nowhere","datasetIds":[{{dataset}}],"contentType":"stix-1.2",
             "transport":{"type":"taxii-inbox","inboxUrl":"http://127.0.0.1:{{port}}/taxii-inbox-service/","destinationCollection":"C"} }
            """);

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().NotBeNullOrEmpty().And.NotContain("Exception");
        var feedNow = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{feed}", Ct);
        feedNow.GetProperty("lastRun").GetProperty("status").GetString().Should().Be("failed");
        var listed = await api.Client.GetFromJsonAsync<JsonElement>("/api/v1/outgoing-feeds?limit=500", Ct);
        listed.GetProperty("items").EnumerateArray().Single(f => f.GetProperty("id").GetInt32() == feed)
            .GetProperty("lastRun").GetProperty("id").GetInt64().Should().Be(run.GetProperty("id").GetInt64(), "the list shows each feed's newest run too");
    }

    private static IReadOnlyList<string> Lines(IReadOnlyList<string> packages) =>
        [.. packages.SelectMany(p => p.Split('\n', StringSplitOptions.RemoveEmptyEntries))];

    /// <summary>CSV rows as "diff value" (the first column and the value column, found by the header).</summary>
    private static IReadOnlyList<string> Rows(IReadOnlyList<string> packages)
    {
        var rows = new List<string>();
        foreach (var package in packages)
        {
            var lines = package.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var header = lines[0].Split(',');
            var diff = Array.IndexOf(header, "diff");
            var value = Array.IndexOf(header, "value");
            rows.AddRange(lines.Skip(1).Select(l => l.Split(',')).Select(c => $"{c[diff]} {c[value]}"));
        }

        return rows;
    }

    private static IReadOnlyList<string> EntityIds(ContentBlock block) =>
        [.. JsonDocument.Parse(block.Content.Value).RootElement.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
}
