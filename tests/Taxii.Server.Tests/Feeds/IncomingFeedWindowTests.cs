using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Persistence;
using Taxii.Persistence.Stores;
using Taxii.Protocol.Messages;
using Taxii.Server.Tests.Admin;
using Taxii.Server.Tests.Taxii;
using Taxii.Testing;
using CollectionType = Taxii.Core.Collections.CollectionType;

namespace Taxii.Server.Tests.Feeds;

/// <summary>
/// A remote that cannot answer a huge window in time: a proxy in front of host A holds back polls of more than 30
/// years past host B's poll timeout, so B's feed must split its first window (from the beginning) and poll the halves.
/// </summary>
public sealed class IncomingFeedWindowTests(IncomingFeedWindowTests.Remote a, IncomingFeedWindowTests.Local b)
    : IClassFixture<IncomingFeedWindowTests.Remote>, IClassFixture<IncomingFeedWindowTests.Local>
{
    private const string Poller = "window-poller";
    private const string PollerPassword = "window poller password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Remote : TaxiiAppFactory
    {
        protected override async Task SeedAsync()
        {
            var user = await CreateUserAsync(Poller, PollerPassword);
            await TestData.AddCollectionAsync(this, "wide", CollectionType.DataFeed, [], "/taxii-poll-service/");
            await TestData.GrantAsync(this, user, read: true, write: false, "wide");
        }
    }

    public sealed class Local : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            // long enough for each half to be answered on a loaded machine (2 s split the halves too), short for the whole
            ["Taxii:IncomingFeeds:PollTimeout"] = "00:00:05",
            ["Taxii:IncomingFeeds:MinimumWindow"] = "00:01:00",
        };

        protected override Task SeedAsync() => CreateUserAsync(AdminApiFactory.AdminName, AdminApiFactory.Password, admin: true);
    }

    [Fact]
    public async Task A_window_that_times_out_is_polled_in_halves_and_nothing_is_lost()
    {
        await using (var scope = a.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var collectionId = await db.Collections.Where(c => c.Name == "wide").Select(c => c.Id).SingleAsync(Ct);
            foreach (var n in new[] { 1, 2, 3 })
            {
                var json = $$"""{"format":"urn:eclecticiq.com:json:1.0","header":{"feed":"w","run":1,"sequence":{{n}},"produced":"2026-11-29T00:00:00Z","strategy":"append"},"entities":[{"id":"example:wide-{{n}}","type":"indicator"}]}""";
                await scope.ServiceProvider.GetRequiredService<ContentStore>().AppendAsync(
                    [new NewContentBlock(collectionId, Encoding.UTF8.GetBytes(json), "urn:eclecticiq.com:json:1.0", null, null, IsXml: false)], Ct);
            }
        }

        var windows = new ConcurrentQueue<(DateTimeOffset? Begin, DateTimeOffset? End)>();
        // a remote that cannot answer a window wider than 30 years in time
        await using var proxy = await TaxiiRelay.StartAsync(a.Address("/taxii-poll-service/"), onRequest: async (message, cancellationToken) =>
        {
            if (message is PollRequest poll)
            {
                windows.Enqueue((poll.ExclusiveBeginTimestamp, poll.InclusiveEndTimestamp));
                var end = poll.InclusiveEndTimestamp ?? DateTimeOffset.UtcNow;
                if (end - (poll.ExclusiveBeginTimestamp ?? DateTimeOffset.UnixEpoch) > TimeSpan.FromDays(365 * 30))
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
                }
            }
        }, cancellationToken: Ct);
        var api = new FeedApi(b.CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password));
        var dataset = await api.CreateDatasetAsync("wide-target");
        var feed = (await api.PostAsync("/api/v1/incoming-feeds", $$"""
            {"name":"wide poll","datasetId":{{dataset}},"contentType":"eclecticiq-json",
             "transport":{"type":"taxii-poll","pollUrl":"{{proxy.Address}}","collectionName":"wide","username":"{{Poller}}","password":"{{PollerPassword}}"} }
            """, HttpStatusCode.Created)).GetProperty("id").GetInt32();

        var queued = await api.PostAsync($"/api/v1/incoming-feeds/{feed}/runs", "{}", HttpStatusCode.Accepted);
        var run = await WaitAsync(api, feed, queued.GetProperty("id").GetInt64());

        run.GetProperty("status").GetString().Should().Be("succeeded", run.GetProperty("error").ToString());
        run.GetProperty("packageCount").GetInt32().Should().Be(3);
        windows.Should().HaveCount(3, "the whole window, which timed out, then its two halves");
        var (whole, lower, upper) = (windows.ElementAt(0), windows.ElementAt(1), windows.ElementAt(2));
        whole.Should().Be(((DateTimeOffset?)null, (DateTimeOffset?)null));
        lower.Begin.Should().BeNull();
        lower.End.Should().NotBeNull().And.BeBefore(DateTimeOffset.UtcNow.AddYears(-10));
        upper.Should().Be((lower.End, (DateTimeOffset?)null), "the upper half starts where the lower ended and stays open: its end is the remote's to name");
        var feedNow = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incoming-feeds/{feed}", Ct);
        feedNow.GetProperty("lastInclusiveEnd").GetDateTimeOffset().Should().BeAfter(lower.End.GetValueOrDefault(), "the remote's end for the upper half");
    }

    private static async Task<JsonElement> WaitAsync(FeedApi api, int feed, long runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incoming-feeds/{feed}/runs/{runId}", Ct);
            if (run.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                return run;
            }

            DateTime.UtcNow.Should().BeBefore(deadline);
            await Task.Delay(100, Ct);
        }
    }
}
