using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Persistence;
using Taxii.Server.Tests.Admin;
using Taxii.Server.Tests.Feeds;
using Taxii.Server.Tests.Taxii;
using Taxii.Testing;

namespace Taxii.Server.Tests.Faults;

/// <summary>
/// An outgoing TAXII inbox feed whose remote inbox is down when the run starts: the retries (doubling delays) deliver
/// every package once the remote is back, and the remote stores each once.
/// </summary>
public sealed class RemoteInboxRetryTests(RemoteInboxRetryTests.Publisher publisher, RemoteInboxRetryTests.Receiver receiver)
    : IClassFixture<RemoteInboxRetryTests.Publisher>, IClassFixture<RemoteInboxRetryTests.Receiver>
{
    private const string ReceiverUser = "retry-sender";
    private const string ReceiverPassword = "the receiver's password for the sender";
    private const int EntityCount = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Pushes with 1 s, 2 s, 4 s, 8 s, 16 s between attempts, in packages of at most 4 KiB (several per run).</summary>
    public sealed class Publisher : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:OutgoingFeeds:PushAttempts"] = "6",
            ["Taxii:OutgoingFeeds:PushRetryDelay"] = "00:00:01",
            ["Taxii:Limits:MaxBlobSize"] = "4096",
        };

        protected override Task SeedAsync() => CreateUserAsync(AdminApiFactory.AdminName, AdminApiFactory.Password, admin: true);
    }

    public sealed class Receiver : TaxiiAppFactory
    {
        protected override async Task SeedAsync()
        {
            var user = await CreateUserAsync(ReceiverUser, ReceiverPassword);
            await TestData.AddCollectionAsync(this, "from-publisher", CollectionType.DataFeed, [], "/taxii-inbox-service/");
            await TestData.GrantAsync(this, user, read: false, write: true, "from-publisher");
        }
    }

    [Fact]
    public async Task A_remote_inbox_that_is_down_gets_every_package_once_when_it_is_back()
    {
        await using var relay = new TcpRelay(receiver.Address("/").Port);
        var api = new FeedApi(publisher.CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password));
        var dataset = await api.CreateDatasetAsync("retry source");
        var entities = string.Join(',', Enumerable.Range(0, EntityCount).Select(i =>
            $$"""{"type":"indicator","externalId":"retry:e{{i}}","title":"indicator {{i}} with a title long enough to fill packages","observables":[{"kind":"domain","value":"e{{i}}.retry.example"}]}"""));
        await api.AddEntitiesAsync(dataset, $"[{entities}]");
        var feed = await api.CreateFeedAsync($$"""
            {"name":"to a receiver that is down","datasetIds":[{{dataset}}],"contentType":"eclecticiq-json","updateStrategy":"replace",
             "transport":{"type":"taxii-inbox","inboxUrl":"http://127.0.0.1:{{relay.Port}}/taxii-inbox-service/","destinationCollection":"from-publisher",
                          "username":"{{ReceiverUser}}","password":"{{ReceiverPassword}}"} }
            """);

        var queued = await api.PostAsync($"/api/v1/outgoing-feeds/{feed}/runs", "{}", System.Net.HttpStatusCode.Accepted);
        await FaultData.WaitUntilAsync(() => Task.FromResult(relay.Refused >= 2), 30, "the first push and a retry are refused");
        relay.Up = true;
        var run = await api.WaitAsync(feed, queued.GetProperty("id").GetInt64());

        run.GetProperty("status").GetString().Should().Be("succeeded", "{0}; {1}", run, string.Join('\n', publisher.Logs.Errors().Select(e => e.Exception?.ToString())));
        var packages = run.GetProperty("packageCount").GetInt32();
        packages.Should().BeGreaterThan(1, "several packages make duplicates and gaps visible");
        var blocks = await ReceivedAsync();
        blocks.Should().HaveCount(packages, "each package arrives once");
        foreach (var i in Enumerable.Range(0, EntityCount))
        {
            blocks.Count(b => b.Contains($"\"retry:e{i}\"", StringComparison.Ordinal)).Should().Be(1, "entity {0} is delivered exactly once", i);
        }
    }

    private async Task<List<string>> ReceivedAsync()
    {
        await using var scope = receiver.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var collection = await db.Collections.Where(c => c.Name == "from-publisher").Select(c => c.Id).SingleAsync(Ct);
        var contents = await db.ContentBlocks.AsNoTracking().Where(b => b.CollectionId == collection).Select(b => b.Content).ToListAsync(Ct);
        return [.. contents.Select(c => Encoding.UTF8.GetString(c))];
    }
}
