using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Taxii.Server.Tests.Admin;
using Taxii.Testing;

namespace Taxii.Server.Tests.Feeds;

/// <summary>
/// Issue 9: Alice publishes, Barbara ingests, two real hosts over HTTP, set up only through their REST APIs (nothing is
/// seeded but each host's administrator). docs/platform-to-platform.md runs as written with bash, then both datasets are
/// compared over the APIs; the failures the page troubleshoots are provoked one by one.
/// </summary>
public sealed class PlatformToPlatformTests(PlatformToPlatformTests.Alice alice, PlatformToPlatformTests.Barbara barbara, PlatformToPlatformTests.SmallBarbara small)
    : IClassFixture<PlatformToPlatformTests.Alice>, IClassFixture<PlatformToPlatformTests.Barbara>, IClassFixture<PlatformToPlatformTests.SmallBarbara>
{
    private const string AdminName = AdminApiFactory.AdminName;
    private const string AdminPassword = AdminApiFactory.Password;
    private const string SmallBlob = "4096";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Alice : TaxiiAppFactory
    {
        protected override Task SeedAsync() => CreateUserAsync(AdminName, AdminPassword, admin: true);
    }

    public sealed class Barbara : TaxiiAppFactory
    {
        protected override Task SeedAsync() => CreateUserAsync(AdminName, AdminPassword, admin: true);
    }

    /// <summary>A Barbara whose packages may be at most 4 KiB.</summary>
    public sealed class SmallBarbara : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Taxii:Limits:MaxBlobSize"] = SmallBlob };

        protected override Task SeedAsync() => CreateUserAsync(AdminName, AdminPassword, admin: true);
    }

    private FeedApi AliceApi => new(alice.CreateClient(AdminName, AdminPassword));

    private FeedApi BarbaraApi => new(barbara.CreateClient(AdminName, AdminPassword));

    [Fact]
    public async Task The_page_runs_as_written_and_Barbara_holds_what_Alice_publishes_in_both_modes_and_the_next_rounds()
    {
        var output = await RunDocsAsync();
        output.Should().Contain("\"status\":\"succeeded\"");
        output.Should().Contain("kind,value,maliciousness").And.Contain("ipv4,198.51.100.7,high").And.Contain("domain,c2.harbour-fox.example,medium",
            "Barbara republishes, as CSV, what her poll feed brought from Alice");

        var source = await EntitiesAsync(AliceApi, "alice-shared");
        source.Should().HaveCount(3);
        foreach (var dataset in new[] { "from-alice-poll", "from-alice-inbox" })
        {
            (await EntitiesAsync(BarbaraApi, dataset)).Should().BeEquivalentTo(source, o => o.WithStrictOrdering(), dataset);
        }

        var stix = await EntitiesAsync(BarbaraApi, "from-alice-stix");
        stix.Should().BeEquivalentTo(source, o => o.WithStrictOrdering(),
            "STIX 1.2 keeps ids, types, titles, descriptions, TLP, reliability, observables (kind, value, maliciousness) and relations");

        // the second round: two new entities and a changed title, then each feed runs again
        var aliceDataset = await DatasetIdAsync(AliceApi, "alice-shared");
        await AliceApi.AddEntitiesAsync(aliceDataset, """
            [{"type":"indicator","externalId":"alice:indicator-dropper","title":"Dropper hash","tlp":"green","reliability":"B",
              "observables":[{"kind":"hash-sha256","value":"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae","maliciousness":"high"}],
              "relations":[{"type":"indicated-ttp","target":"alice:ttp-invoice-phishing"}]},
             {"type":"campaign","externalId":"alice:campaign-autumn","title":"Autumn invoices","tlp":"amber"},
             {"type":"threat-actor","externalId":"alice:actor-harbour-fox","title":"Harbour Fox (a.k.a. Dock Lynx)","description":"Targets shipping companies",
              "tlp":"amber","reliability":"C","relations":[{"type":"observed-ttp","target":"alice:ttp-invoice-phishing"}]}]
            """);
        await RunOutgoingAsync(AliceApi, "to barbara (poll)", expectedEntities: 3);
        await RunIncomingAsync(BarbaraApi, "from alice (poll)");
        await RunOutgoingAsync(AliceApi, "to barbara (inbox)", expectedEntities: 3);
        await SettleInboxAsync(BarbaraApi, "from alice (inbox)");

        var next = await EntitiesAsync(AliceApi, "alice-shared");
        next.Should().HaveCount(5);
        next.Single(e => e.ExternalId == "alice:actor-harbour-fox").Title.Should().Be("Harbour Fox (a.k.a. Dock Lynx)");
        foreach (var dataset in new[] { "from-alice-poll", "from-alice-inbox" })
        {
            (await EntitiesAsync(BarbaraApi, dataset)).Should().BeEquivalentTo(next, o => o.WithStrictOrdering(), $"{dataset}: the new ones, the update, nothing twice");
        }

        // a third round with nothing new publishes and ingests nothing
        await RunOutgoingAsync(AliceApi, "to barbara (poll)", expectedEntities: 0);
        var idle = await RunIncomingAsync(BarbaraApi, "from alice (poll)");
        idle.GetProperty("entitiesCreated").GetInt32().Should().Be(0);
        idle.GetProperty("entitiesUpdated").GetInt32().Should().Be(0);

        // Barbara's republishing feed: what her poll feed brought, not what she added to the same dataset herself
        await BarbaraApi.AddEntitiesAsync(await DatasetIdAsync(BarbaraApi, "from-alice-poll"),
            """[{"type":"indicator","externalId":"barbara:note","observables":[{"kind":"domain","value":"barbaras-own.example"}]}]""");
        await RunOutgoingAsync(BarbaraApi, "alice via barbara", expectedEntities: 5);
    }

    [Fact]
    public async Task Poll_mode_failures_name_their_cause_on_Barbaras_run()
    {
        await PublishAsync("pf", "pf-collection", "eclecticiq-json", grantRead: true);
        await PublishAsync("pf-hidden", "pf-hidden-collection", "eclecticiq-json", grantRead: false);
        await PublishAsync("pf-stix", "pf-stix-collection", "stix-1.2", grantRead: true);

        var wrongCollection = await PollAsync(barbara, "pf wrong collection", "pf-colection", "pf", Password);
        var wrongPassword = await PollAsync(barbara, "pf wrong password", "pf-collection", "pf", "not the password");
        var noRight = await PollAsync(barbara, "pf no read right", "pf-hidden-collection", "pf-hidden", Password);
        var stix = await PollAsync(barbara, "pf stix as json", "pf-stix-collection", "pf-stix", Password);
        var tooLarge = await PollAsync(small, "pf too large", "pf-collection", "pf", Password);

        await ShouldBeDocumentedAsync(wrongCollection, wrongPassword, noRight, stix, tooLarge);
        wrongCollection.GetProperty("status").GetString().Should().Be("failed");
        wrongCollection.GetProperty("error").GetString().Should().Be(
            "The remote poll service answered NOT_FOUND: This poll service has no collection 'pf-colection'. The remote has no collection 'pf-colection' (or hides it from this user).");
        wrongPassword.GetProperty("status").GetString().Should().Be("failed");
        wrongPassword.GetProperty("error").GetString().Should().Contain("UNAUTHORIZED").And.NotContain("not the password");
        noRight.GetProperty("status").GetString().Should().Be("failed");
        noRight.GetProperty("error").GetString().Should().Contain("pf-hidden-collection");
        stix.GetProperty("status").GetString().Should().Be("failed");
        stix.GetProperty("error").GetString().Should().Contain("the package's content binding is 'urn:stix.mitre.org:xml:1.2', which the feed's content type does not read");
        tooLarge.GetProperty("status").GetString().Should().Be("failed");
        tooLarge.GetProperty("error").GetString().Should().Contain("MaxBlobSize");
    }

    [Fact]
    public async Task Inbox_mode_failures_name_their_cause_on_Alices_or_Barbaras_run()
    {
        var api = BarbaraApi;
        var group = (await api.PostAsync("/api/v1/groups", """{"name":"if"}""", HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var outsiders = (await api.PostAsync("/api/v1/groups", """{"name":"if-outsiders"}""", HttpStatusCode.Created)).GetProperty("id").GetInt32();
        foreach (var (user, member) in new[] { ("if-pusher", group), ("if-outsider", outsiders) })
        {
            var id = (await api.PostAsync("/api/v1/users", $$"""{"name":"{{user}}","password":"{{Password}}"}""", HttpStatusCode.Created)).GetProperty("id").GetInt32();
            (await api.Client.PutAsync($"/api/v1/groups/{member}/members/{id}", null, Ct)).EnsureSuccessStatusCode();
        }

        var collection = (await api.PostAsync("/api/v1/collections", $$"""
            {"name":"if-collection","contentBindings":["urn:eclecticiq.com:json:1.0"],
             "groups":[{"groupId":{{group}},"canRead":false,"canWrite":true},{"groupId":{{outsiders}},"canRead":false,"canWrite":true}]}
            """, HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var readOnly = (await api.PostAsync("/api/v1/collections", $$"""
            {"name":"if-read-only","groups":[{"groupId":{{group}},"canRead":true,"canWrite":false}]}
            """, HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var inbox = (await api.Client.GetFromJsonAsync<JsonElement>("/api/v1/services", Ct)).GetProperty("items").EnumerateArray()
            .Single(s => s.GetProperty("path").GetString() == "/taxii-inbox-service/");
        var collectionIds = inbox.GetProperty("collectionIds").EnumerateArray().Select(c => c.GetInt32()).Append(collection).Append(readOnly);
        (await api.Client.PutAsync($"/api/v1/services/{inbox.GetProperty("id").GetInt32()}", FeedApi.Json($$"""
            {"type":"inbox","path":"/taxii-inbox-service/","collectionIds":[{{string.Join(",", collectionIds)}}]}
            """), Ct)).EnsureSuccessStatusCode();
        var dataset = await api.CreateDatasetAsync("if-dataset");
        var feed = (await api.PostAsync("/api/v1/incoming-feeds", $$"""
            {"name":"if feed","datasetId":{{dataset}},"groupIds":[{{group}}],"contentType":"eclecticiq-json","transport":{"type":"taxii-inbox","collectionName":"if-collection"} }
            """, HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var source = await AliceApi.CreateDatasetAsync("if-source");
        await AliceApi.AddEntitiesAsync(source, """[{"type":"indicator","externalId":"alice:if-1","title":"pushed","observables":[{"kind":"domain","value":"if.example"}]}]""");

        var wrongCollection = await PushAsync("if wrong collection", source, "if-colection", "if-pusher", Password);
        var wrongPassword = await PushAsync("if wrong password", source, "if-collection", "if-pusher", "not the password");
        var noRight = await PushAsync("if no write right", source, "if-read-only", "if-pusher", Password);
        var outsider = await PushAsync("if outsider", source, "if-collection", "if-outsider", Password);
        outsider.GetProperty("status").GetString().Should().Be("succeeded", "Barbara's inbox takes the block; her feed refuses it");
        var refused = await WaitForFailedRunAsync(api, feed);

        await ShouldBeDocumentedAsync(wrongCollection, wrongPassword, noRight, refused);
        wrongCollection.GetProperty("status").GetString().Should().Be("failed");
        wrongCollection.GetProperty("error").GetString().Should().Contain("if-colection");
        wrongPassword.GetProperty("error").GetString().Should().Contain("UNAUTHORIZED").And.NotContain("not the password");
        noRight.GetProperty("status").GetString().Should().Be("failed");
        noRight.GetProperty("error").GetString().Should().Contain("if-read-only");
        refused.GetProperty("errors")[0].GetProperty("reason").GetString().Should().Be("sender 'if-outsider' is not in the feed's groups; not ingested");
    }

    private const string Password = "a failing password";

    /// <summary>On Alice: a group and its poller, a dataset, and a poll feed publishing it to a collection, run once.</summary>
    private async Task PublishAsync(string name, string collection, string contentType, bool grantRead)
    {
        var api = AliceApi;
        var group = (await api.PostAsync("/api/v1/groups", $$"""{"name":"{{name}}"}""", HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var user = (await api.PostAsync("/api/v1/users", $$"""{"name":"{{name}}","password":"{{Password}}"}""", HttpStatusCode.Created)).GetProperty("id").GetInt32();
        (await api.Client.PutAsync($"/api/v1/groups/{group}/members/{user}", null, Ct)).EnsureSuccessStatusCode();
        var dataset = await api.CreateDatasetAsync($"{name}-dataset");
        await api.AddEntitiesAsync(dataset, $$"""
            [{"type":"indicator","externalId":"alice:{{name}}-1","title":"{{name}}","description":"{{new string('x', 6000)}}",
              "observables":[{"kind":"domain","value":"{{name}}.example"}]}]
            """);
        var feed = await api.CreateFeedAsync($$"""
            {"name":"{{name}}","datasetIds":[{{dataset}}],"groupIds":[{{(grantRead ? group.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}}],
             "contentType":"{{contentType}}","transport":{"type":"taxii-poll","collectionName":"{{collection}}"} }
            """);
        (await api.RunAsync(feed)).GetProperty("status").GetString().Should().Be("succeeded");
    }

    /// <summary>On a Barbara: a dataset and an EclecticIQ JSON poll feed on Alice's collection, run once.</summary>
    private async Task<JsonElement> PollAsync(TaxiiAppFactory host, string name, string collection, string user, string password)
    {
        var api = new FeedApi(host.CreateClient(AdminName, AdminPassword));
        var dataset = await api.CreateDatasetAsync(name);
        var feed = (await api.PostAsync("/api/v1/incoming-feeds", $$"""
            {"name":"{{name}}","datasetId":{{dataset}},"contentType":"eclecticiq-json",
             "transport":{"type":"taxii-poll","pollUrl":"{{alice.Address("/taxii-poll-service/")}}","collectionName":"{{collection}}","username":"{{user}}","password":"{{password}}"} }
            """, HttpStatusCode.Created)).GetProperty("id").GetInt32();
        return await api.RunIncomingAsync(feed);
    }

    /// <summary>On Alice: an EclecticIQ JSON inbox feed pushing the dataset to Barbara, run once.</summary>
    private async Task<JsonElement> PushAsync(string name, int dataset, string collection, string user, string password)
    {
        var feed = await AliceApi.CreateFeedAsync($$"""
            {"name":"{{name}}","datasetIds":[{{dataset}}],"contentType":"eclecticiq-json",
             "transport":{"type":"taxii-inbox","inboxUrl":"{{barbara.Address("/taxii-inbox-service/")}}","destinationCollection":"{{collection}}","username":"{{user}}","password":"{{password}}"} }
            """);
        return await AliceApi.RunAsync(feed);
    }

    private static async Task<JsonElement> WaitForFailedRunAsync(FeedApi api, int feed)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var runs = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incoming-feeds/{feed}/runs", Ct);
            var ended = runs.GetProperty("items").EnumerateArray().FirstOrDefault(r => r.GetProperty("status").GetString() == "failed");
            if (ended.ValueKind == JsonValueKind.Object)
            {
                return ended;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the push should queue a run that fails (now: {0})", runs);
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>The page's troubleshooting quotes what these runs say, word for word.</summary>
    private static async Task ShouldBeDocumentedAsync(params JsonElement[] runs)
    {
        // a package's size varies by a byte or two with its timestamps
        static string Sizeless(string text) => Regex.Replace(text, @"\d+ bytes", "N bytes");
        var page = Sizeless((await DocPages.ReadAsync("platform-to-platform.md", Ct)).Replace("\\|", "|", StringComparison.Ordinal));
        foreach (var run in runs)
        {
            page.Should().Contain($"`{Sizeless(run.GetProperty("error").GetString() ?? "(no error)")}`", "docs/platform-to-platform.md quotes the error");
        }
    }

    private async Task<string> RunDocsAsync()
    {
        var blocks = DocPages.ShellBlocks(await DocPages.ReadAsync("platform-to-platform.md", Ct));
        blocks.Should().HaveCountGreaterThanOrEqualTo(6);
        var info = new ProcessStartInfo("bash", ["-c", "set -euo pipefail\n" + string.Join("\n", blocks)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["ALICE"] = alice.Address("/").ToString().TrimEnd('/');
        info.Environment["BARBARA"] = barbara.Address("/").ToString().TrimEnd('/');
        info.Environment["ALICE_ADMIN"] = $"{AdminName}:{AdminPassword}";
        info.Environment["BARBARA_ADMIN"] = $"{AdminName}:{AdminPassword}";
        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEndAsync(Ct);
        var errors = bash.StandardError.ReadToEndAsync(Ct);
        await bash.WaitForExitAsync(Ct);
        bash.ExitCode.Should().Be(0, $"the page must run as written:\n{await errors}\n{await output}");
        return await output;
    }

    internal sealed record Observable(string Kind, string Value, string Maliciousness);

    internal sealed record Relation(string Type, string Target);

    /// <summary>What must be the same on both sides: everything but local ids, times and the raw block.</summary>
    internal sealed record Entity(string ExternalId, string Type, string? Title, string? Description, string? Tlp, string? Reliability,
        IReadOnlyList<Observable> Observables, IReadOnlyList<Relation> Relations);

    private static async Task<int> DatasetIdAsync(FeedApi api, string name)
    {
        var page = await api.Client.GetFromJsonAsync<JsonElement>("/api/v1/datasets?limit=500", Ct);
        return page.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();
    }

    private static async Task<IReadOnlyList<Entity>> EntitiesAsync(FeedApi api, string dataset)
    {
        var page = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{await DatasetIdAsync(api, dataset)}/entities?limit=500", Ct);
        page.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);
        return [.. page.GetProperty("items").Deserialize<List<Entity>>(JsonSerializerOptions.Web)!.OrderBy(e => e.ExternalId, StringComparer.Ordinal)];
    }

    private static async Task<int> FeedIdAsync(FeedApi api, string kind, string name)
    {
        var page = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/{kind}-feeds?limit=500", Ct);
        return page.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();
    }

    private static async Task RunOutgoingAsync(FeedApi api, string feed, int expectedEntities)
    {
        var run = await api.RunAsync(await FeedIdAsync(api, "outgoing", feed));
        run.GetProperty("status").GetString().Should().Be("succeeded", run.ToString());
        run.GetProperty("entityCount").GetInt32().Should().Be(expectedEntities, feed);
    }

    private static async Task<JsonElement> RunIncomingAsync(FeedApi api, string feed) => await api.RunIncomingAsync(await FeedIdAsync(api, "incoming", feed));

    /// <summary>As the page's settle_inbox: lets the run a push queued end, then one more run takes anything left.</summary>
    private static async Task SettleInboxAsync(FeedApi api, string feed)
    {
        var id = await FeedIdAsync(api, "incoming", feed);
        var runs = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incoming-feeds/{id}/runs?limit=1", Ct);
        if (runs.GetProperty("items").GetArrayLength() > 0)
        {
            await api.WaitAsync(id, runs.GetProperty("items")[0].GetProperty("id").GetInt64(), "incoming-feeds");
        }

        (await api.RunIncomingAsync(id)).GetProperty("status").GetString().Should().Be("succeeded");
    }
}
