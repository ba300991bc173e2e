using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using FluentAssertions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Core.Feeds;
using Taxii.Persistence;
using Taxii.Server.Tests.Admin;
using Taxii.Server.Tests.Taxii;
using Taxii.Testing;

namespace Taxii.Server.Tests.Feeds;

/// <summary>
/// Every content type through a run, a push to a second Taxii host's inbox, the recurring job, and a run left
/// "running" by a dead host: publisher (A) and receiver (B) are two real hosts over HTTP.
/// </summary>
public sealed class OutgoingFeedDeliveryTests(OutgoingFeedDeliveryTests.Publisher a, OutgoingFeedDeliveryTests.Receiver b)
    : IClassFixture<OutgoingFeedDeliveryTests.Publisher>, IClassFixture<OutgoingFeedDeliveryTests.Receiver>
{
    private const string ReceiverUser = "alice-automation";
    private const string ReceiverPassword = "barbara's password for alice";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Publisher : TaxiiAppFactory
    {
        protected override Task SeedAsync() => CreateUserAsync(AdminApiFactory.AdminName, AdminApiFactory.Password, admin: true);
    }

    public sealed class Receiver : TaxiiAppFactory
    {
        protected override async Task SeedAsync()
        {
            var user = await CreateUserAsync(ReceiverUser, ReceiverPassword);
            await TestData.AddCollectionAsync(this, "C", CollectionType.DataFeed, [], "/taxii-inbox-service/", "/taxii-poll-service/");
            await TestData.GrantAsync(this, user, read: false, write: true, "C");
        }
    }

    private FeedApi Admin => new(a.CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password));

    [Theory]
    [InlineData("eclecticiq-json")]
    [InlineData("stix-1.2")]
    [InlineData("csv")]
    [InlineData("plain-text")]
    public async Task Every_content_type_carries_the_dataset(string contentType)
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync($"matrix-{contentType}");
        await api.AddEntitiesAsync(dataset, """
            [{"type":"indicator","title":"matrix indicator","tlp":"green","observables":[{"kind":"ipv4","value":"198.51.100.200"},{"kind":"hash-sha256","value":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}]},
             {"type":"threat-actor","title":"matrix actor"}]
            """);
        var feed = await api.CreateFeedAsync($$"""{"name":"matrix {{contentType}}","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"{{contentType}}","updateStrategy":"replace"}""");

        var package = (await api.RunAndDownloadAsync(feed)).Should().ContainSingle().Subject;

        package.Should().Contain("198.51.100.200").And.Contain("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        switch (contentType)
        {
            case "eclecticiq-json":
                JsonDocument.Parse(package).RootElement.GetProperty("entities").GetArrayLength().Should().Be(2);
                break;
            case "stix-1.2":
                var stix = XDocument.Parse(package);
                stix.Root!.Name.LocalName.Should().Be("STIX_Package");
                stix.Descendants().Where(e => e.Name.LocalName is "Indicator" or "Threat_Actor").Should().HaveCount(2);
                break;
            case "csv":
                package.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(4, "a header, two observable rows and one row for the actor");
                break;
            default:
                package.Should().Be("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n198.51.100.200\n", "an entity's observables come by kind, then value");
                break;
        }
    }

    [Fact]
    public async Task A_taxii_inbox_feed_pushes_to_the_peer_and_a_refusal_names_the_remote_status()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("push-ds");
        var ids = await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"pushed","observables":[{"kind":"domain","value":"pushed.example"}]}]""");
        var inbox = b.Address("/taxii-inbox-service/");
        var feed = await api.CreateFeedAsync($$"""
            {"name":"push json","datasetIds":[{{dataset}}],"contentType":"eclecticiq-json",
             "transport":{"type":"taxii-inbox","inboxUrl":"{{inbox}}","destinationCollection":"C","username":"{{ReceiverUser}}","password":"{{ReceiverPassword}}"} }
            """);
        var wrong = await api.CreateFeedAsync($$"""
            {"name":"push wrong password","datasetIds":[{{dataset}}],"contentType":"eclecticiq-json",
             "transport":{"type":"taxii-inbox","inboxUrl":"{{inbox}}","destinationCollection":"C","username":"{{ReceiverUser}}","password":"not it"} }
            """);

        var run = await api.RunAsync(feed);
        var refused = await api.RunAsync(wrong);

        run.GetProperty("status").GetString().Should().Be("succeeded", run.GetProperty("error").ToString());
        await using var scope = b.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var block = await db.ContentBlocks.Where(c => db.Collections.Any(x => x.Id == c.CollectionId && x.Name == "C")).SingleAsync(Ct);
        block.ContentBinding.Should().Be("urn:eclecticiq.com:json:1.0");
        JsonDocument.Parse(block.Content).RootElement.GetProperty("entities")[0].GetProperty("id").GetString().Should().Be(ids[0]);
        refused.GetProperty("status").GetString().Should().Be("failed");
        refused.GetProperty("error").GetString().Should().Contain("UNAUTHORIZED").And.NotContain("not it");
    }

    [Fact]
    public async Task The_recurring_job_runs_the_feed_as_a_scheduled_run()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("scheduled-ds");
        var feed = await api.CreateFeedAsync($$"""{"name":"hourly","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"csv","updateStrategy":"replace","schedule":"0 * * * *"}""");

        a.Services.GetRequiredService<IRecurringJobManager>().Trigger($"outgoing-feed-{feed}");

        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement runs;
        do
        {
            await Task.Delay(200, Ct);
            runs = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{feed}/runs", Ct);
        }
        while (!runs.GetProperty("items").EnumerateArray().Any(r => r.GetProperty("status").GetString() == "succeeded") && DateTime.UtcNow < deadline);

        var run = runs.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        run.GetProperty("trigger").GetString().Should().Be("schedule");
        run.GetProperty("status").GetString().Should().Be("succeeded");
    }

    [Fact]
    public async Task A_run_left_running_by_a_dead_host_is_closed_as_failed_and_the_feed_runs_again()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("orphan-ds");
        var feed = await api.CreateFeedAsync($$"""{"name":"orphaned","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"csv"}""");
        long orphan;
        await using (var scope = a.Services.CreateAsyncScope())
        {
            // what a host killed in the middle of a run leaves: a running run whose lock died with its connection
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var run = new OutgoingFeedRun { FeedId = feed, Trigger = FeedRunTrigger.Manual, Status = FeedRunStatus.Running, QueuedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow };
            db.OutgoingFeedRuns.Add(run);
            await db.SaveChangesAsync(Ct);
            orphan = run.Id;
        }

        var next = await api.RunAsync(feed);

        next.GetProperty("status").GetString().Should().Be("succeeded");
        var closed = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{feed}/runs/{orphan}", Ct);
        closed.GetProperty("status").GetString().Should().Be("failed");
        closed.GetProperty("error").GetString().Should().Contain("interrupted");
    }
}
