using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Persistence;
using Taxii.Persistence.Stores;
using Taxii.Server.Tests.Admin;
using Taxii.Server.Tests.Taxii;
using Taxii.Testing;
using ITaxiiMessage = Taxii.Protocol.Messages.ITaxiiMessage;
using PollFulfillmentRequest = Taxii.Protocol.Messages.PollFulfillmentRequest;
using PollRequest = Taxii.Protocol.Messages.PollRequest;

namespace Taxii.Server.Tests.Feeds;

/// <summary>
/// An incoming TAXII poll feed on host B polling collections of host A (two real hosts over HTTP): incremental windows
/// across runs, multi-part results (A answers two blocks per part), and the remote's refusals named on the run.
/// </summary>
public sealed partial class IncomingFeedPollTests(IncomingFeedPollTests.Remote a, IncomingFeedPollTests.Local b)
    : IClassFixture<IncomingFeedPollTests.Remote>, IClassFixture<IncomingFeedPollTests.Local>
{
    private const string Poller = "barbara-poller";
    private const string PollerPassword = "the poller's password";
    private const string Json = "urn:eclecticiq.com:json:1.0";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Remote : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Taxii:Services:MaxBlocksPerPart"] = "2" };

        protected override async Task SeedAsync()
        {
            var user = await CreateUserAsync(Poller, PollerPassword);
            foreach (var name in new[] { "shared", "refused", "silent" })
            {
                await TestData.AddCollectionAsync(this, name, CollectionType.DataFeed, [], "/taxii-poll-service/", "/taxii-collection-management-service/");
            }

            await TestData.GrantAsync(this, user, read: true, write: false, "shared", "silent");
        }
    }

    public sealed class Local : TaxiiAppFactory
    {
        protected override Task SeedAsync() => CreateUserAsync(AdminApiFactory.AdminName, AdminApiFactory.Password, admin: true);
    }

    private FeedApi Admin => new(b.CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password));

    [Fact]
    public async Task Each_run_takes_only_what_is_new_following_every_part()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("polled");
        await PublishAsync("shared", 1, 2, 3, 4, 5);
        var feed = await CreateFeedAsync(api, "poll shared", dataset, "shared", PollerPassword);

        var first = await api.RunIncomingAsync(feed);
        first.GetProperty("status").GetString().Should().Be("succeeded", first.GetProperty("error").ToString());
        first.GetProperty("packageCount").GetInt32().Should().Be(5, "three parts of two, two and one blocks");
        first.GetProperty("entitiesCreated").GetInt32().Should().Be(5);

        await PublishAsync("shared", 6, 7);
        var second = await api.RunIncomingAsync(feed);
        second.GetProperty("packageCount").GetInt32().Should().Be(2, "only the blocks labelled after the first run's window");
        second.GetProperty("skippedPackageCount").GetInt32().Should().Be(0);

        var third = await api.RunIncomingAsync(feed);
        third.GetProperty("packageCount").GetInt32().Should().Be(0);
        var entities = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{dataset}/entities?limit=100", Ct);
        entities.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("externalId").GetString())
            .Should().BeEquivalentTo(Enumerable.Range(1, 7).Select(Id));
        var feedNow = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incoming-feeds/{feed}", Ct);
        feedNow.GetProperty("lastInclusiveEnd").ValueKind.Should().Be(JsonValueKind.String);
    }

    [Fact]
    public async Task A_remote_that_names_no_window_end_is_asked_from_the_latest_label_it_sent()
    {
        var remote = new OpenEndedRemote();
        await using var relay = await TaxiiRelay.StartAsync(a.Address("/taxii-poll-service/"), rewrite: remote.Answer, cancellationToken: Ct);
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("silent-end");
        await PublishAsync("silent", 300, 301, 302, 303, 304);
        var feed = await CreateFeedAsync(api, "poll silent", dataset, "silent", PollerPassword, relay.Address);

        var first = await api.RunIncomingAsync(feed);
        first.GetProperty("status").GetString().Should().Be("succeeded", first.GetProperty("error").ToString());
        first.GetProperty("packageCount").GetInt32().Should().Be(5);
        (remote.Requests, remote.Blocks, remote.EndsRemoved).Should().Be((3, 5, 3), "three parts of two, two and one blocks, none naming its end");
        var afterFirst = await LatestLabelAsync("silent");
        (await LastInclusiveEndAsync(api, feed)).Should().Be(afterFirst, "the latest label received, as the remote named no end");

        var idle = await api.RunIncomingAsync(feed);
        idle.GetProperty("packageCount").GetInt32().Should().Be(0);
        idle.GetProperty("skippedPackageCount").GetInt32().Should().Be(0, "nothing is fetched again");
        (remote.Requests, remote.Blocks).Should().Be((4, 5), "one poll, answered with no block");
        remote.Begins.Last().Should().Be(afterFirst);
        (await LastInclusiveEndAsync(api, feed)).Should().Be(afterFirst);

        await PublishAsync("silent", 305, 306);
        var third = await api.RunIncomingAsync(feed);
        third.GetProperty("packageCount").GetInt32().Should().Be(2);
        third.GetProperty("skippedPackageCount").GetInt32().Should().Be(0);
        remote.Blocks.Should().Be(7, "each block is served once");
        (await LastInclusiveEndAsync(api, feed)).Should().Be(await LatestLabelAsync("silent")).And.BeAfter(afterFirst);
        var entities = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{dataset}/entities?limit=100", Ct);
        entities.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("externalId").GetString())
            .Should().BeEquivalentTo(Enumerable.Range(300, 7).Select(Id));
    }

    [Fact]
    public async Task A_refusal_of_the_remote_fails_the_run_naming_its_status()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("refusals");
        var wrongPassword = await CreateFeedAsync(api, "wrong password", dataset, "shared", "not the password");
        var hidden = await CreateFeedAsync(api, "hidden collection", dataset, "refused", PollerPassword);

        var unauthorized = await api.RunIncomingAsync(wrongPassword);
        var notFound = await api.RunIncomingAsync(hidden);

        unauthorized.GetProperty("status").GetString().Should().Be("failed");
        unauthorized.GetProperty("error").GetString().Should().Contain("UNAUTHORIZED").And.NotContain("not the password");
        notFound.GetProperty("status").GetString().Should().Be("failed");
        notFound.GetProperty("error").GetString().Should().ContainAny("NOT_FOUND", "UNAUTHORIZED", "DENIED");
        var feedNow = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incoming-feeds/{wrongPassword}", Ct);
        feedNow.GetProperty("lastInclusiveEnd").ValueKind.Should().Be(JsonValueKind.Null, "a failed run does not move the feed");
    }

    [Fact]
    public async Task A_malformed_package_is_recorded_and_the_others_are_stored()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("malformed");
        await using (var scope = a.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            db.Collections.Add(new Collection { Name = "mixed", Type = CollectionType.DataFeed, Services = await db.Services.Where(s => s.Path == "/taxii-poll-service/").ToListAsync(Ct), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        await GrantReadAsync("mixed");
        await PublishAsync("mixed", 100);
        await AppendAsync("mixed", """{"format":"urn:eclecticiq.com:json:1.0","header":{"feed":"x","run":1,"sequence":1,"produced":"2026-11-29T00:00:00Z","strategy":"append"},"entities":[{"id":"broken","type":"no-such-type"}]}""");
        await PublishAsync("mixed", 101);
        var feed = await CreateFeedAsync(api, "mixed feed", dataset, "mixed", PollerPassword);

        var run = await api.RunIncomingAsync(feed);

        run.GetProperty("status").GetString().Should().Be("succeeded");
        run.GetProperty("packageCount").GetInt32().Should().Be(2);
        run.GetProperty("failedPackageCount").GetInt32().Should().Be(1);
        run.GetProperty("errors")[0].GetProperty("reason").GetString().Should().Contain("no-such-type");
    }

    [Fact]
    public async Task Packages_already_in_the_dataset_are_skipped_across_feeds_and_a_cut_short_run_is_taken_up_again()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("shared-target");
        await using (var scope = a.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            db.Collections.Add(new Collection { Name = "twice", Type = CollectionType.DataFeed, Services = await db.Services.Where(s => s.Path == "/taxii-poll-service/").ToListAsync(Ct), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        await GrantReadAsync("twice");
        await PublishAsync("twice", 200, 201, 202);
        var first = await CreateFeedAsync(api, "first of two", dataset, "twice", PollerPassword);
        var second = await CreateFeedAsync(api, "second of two", dataset, "twice", PollerPassword);
        (await api.RunIncomingAsync(first)).GetProperty("packageCount").GetInt32().Should().Be(3);

        // the second feed polls the same content into the same dataset: nothing is stored twice
        var again = await api.RunIncomingAsync(second);
        again.GetProperty("skippedPackageCount").GetInt32().Should().Be(3);
        again.GetProperty("packageCount").GetInt32().Should().Be(0);

        // a host killed mid-run leaves the run "running" and the feed where its last committed window ended
        await PublishAsync("twice", 203);
        long orphan;
        await using (var scope = b.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var run = new Core.Feeds.IncomingFeedRun { FeedId = first, Trigger = Core.Feeds.FeedRunTrigger.Schedule, Status = Core.Feeds.FeedRunStatus.Running, QueuedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow };
            db.IncomingFeedRuns.Add(run);
            await db.SaveChangesAsync(Ct);
            orphan = run.Id;
        }

        var resumed = await api.RunIncomingAsync(first);
        resumed.GetProperty("status").GetString().Should().Be("succeeded");
        resumed.GetProperty("packageCount").GetInt32().Should().Be(1);
        (await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incoming-feeds/{first}/runs/{orphan}", Ct)).GetProperty("status").GetString().Should().Be("failed");
        var entities = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{dataset}/entities?limit=100", Ct);
        entities.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("externalId").GetString())
            .Should().BeEquivalentTo(new[] { Id(200), Id(201), Id(202), Id(203) }, "each entity once");
    }

    private async Task<int> CreateFeedAsync(FeedApi api, string name, int dataset, string collection, string password, Uri? pollUrl = null) =>
        (await api.PostAsync("/api/v1/incoming-feeds", $$"""
            {"name":"{{name}}","datasetId":{{dataset}},"contentType":"eclecticiq-json",
             "transport":{"type":"taxii-poll","pollUrl":"{{pollUrl ?? a.Address("/taxii-poll-service/")}}","collectionName":"{{collection}}","username":"{{Poller}}","password":"{{password}}"} }
            """, HttpStatusCode.Created)).GetProperty("id").GetInt32();

    private static async Task<DateTimeOffset?> LastInclusiveEndAsync(FeedApi api, int feed)
    {
        var value = (await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incoming-feeds/{feed}", Ct)).GetProperty("lastInclusiveEnd");
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDateTimeOffset();
    }

    private async Task<DateTimeOffset> LatestLabelAsync(string collection)
    {
        await using var scope = a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        return await db.ContentBlocks.Where(b => db.Collections.Any(c => c.Id == b.CollectionId && c.Name == collection)).MaxAsync(b => b.TimestampLabel, Ct);
    }

    private static string Id(int n) => $"example:indicator-{n:D4}";

    /// <summary>One EclecticIQ JSON block per entity, each appended on its own (so each gets its own timestamp label).</summary>
    private async Task PublishAsync(string collection, params int[] numbers)
    {
        foreach (var n in numbers)
        {
            await AppendAsync(collection, $$"""
                {"format":"urn:eclecticiq.com:json:1.0","header":{"feed":"remote","run":1,"sequence":{{n}},"produced":"2026-11-29T00:00:00Z","strategy":"append"},
                 "entities":[{"id":"{{Id(n)}}","type":"indicator","data":{"title":"indicator {{n}}"},"observables":[{"kind":"ipv4","value":"192.0.2.{{n}}","maliciousness":"high"}]}]}
                """);
        }
    }

    private async Task AppendAsync(string collection, string json)
    {
        await using var scope = a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var collectionId = await db.Collections.Where(c => c.Name == collection).Select(c => c.Id).SingleAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<ContentStore>().AppendAsync(
            [new NewContentBlock(collectionId, Encoding.UTF8.GetBytes(json), Json, null, null, IsXml: false)], Ct);
    }

    private async Task GrantReadAsync(string collection)
    {
        await using var scope = a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var groupId = await db.GroupMemberships.Where(m => m.User!.Name == Poller).Select(m => m.GroupId).FirstAsync(Ct);
        var collectionId = await db.Collections.Where(c => c.Name == collection).Select(c => c.Id).SingleAsync(Ct);
        db.CollectionAccess.Add(new CollectionAccess { CollectionId = collectionId, GroupId = groupId, CanRead = true });
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>
    /// Answers as OpenTAXII does: a poll that gave no Inclusive_End_Timestamp gets none back, in any part of its result
    /// (A names one, the relay strips it); counts the polls and blocks served.
    /// </summary>
    private sealed partial class OpenEndedRemote
    {
        private readonly ConcurrentDictionary<string, bool> _openResults = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<DateTimeOffset?> _begins = new();
        private int _requests;
        private int _blocks;
        private int _endsRemoved;

        public int Requests => Volatile.Read(ref _requests);

        public int Blocks => Volatile.Read(ref _blocks);

        public int EndsRemoved => Volatile.Read(ref _endsRemoved);

        /// <summary>The Exclusive_Begin_Timestamp of each Poll_Request, in order.</summary>
        public IReadOnlyCollection<DateTimeOffset?> Begins => _begins;

        public string Answer(ITaxiiMessage request, string xml)
        {
            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _blocks, BlockTags().Count(xml));
            var open = request switch
            {
                PollRequest poll => poll.InclusiveEndTimestamp is null,
                PollFulfillmentRequest fulfillment => _openResults.ContainsKey(fulfillment.ResultId),
                _ => false,
            };
            if (request is PollRequest asked)
            {
                _begins.Enqueue(asked.ExclusiveBeginTimestamp);
                if (open && ResultIdAttribute().Match(xml) is { Success: true } id)
                {
                    _openResults[id.Groups[1].Value] = true;
                }
            }

            if (!open)
            {
                return xml;
            }

            Interlocked.Add(ref _endsRemoved, InclusiveEnds().Count(xml));
            return InclusiveEnds().Replace(xml, string.Empty);
        }

        [GeneratedRegex(@"<(\w+:)?Content_Block[\s>]")]
        private static partial Regex BlockTags();

        [GeneratedRegex(@"\sresult_id=""([^""]+)""")]
        private static partial Regex ResultIdAttribute();

        [GeneratedRegex(@"<(\w+:)?Inclusive_End_Timestamp>[^<]*</(\w+:)?Inclusive_End_Timestamp>")]
        private static partial Regex InclusiveEnds();
    }
}
