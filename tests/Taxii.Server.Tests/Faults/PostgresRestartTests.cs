using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Taxii.Server.Tests.Feeds;
using Taxii.Testing;
using static Taxii.Server.Tests.Taxii.TaxiiData;

namespace Taxii.Server.Tests.Faults;

/// <summary>
/// PostgreSQL stopped and started again under a running host: requests in between get clean failures, quickly, and
/// afterwards everything works again (the connection pool and the job server recover) without restarting the host.
/// </summary>
public sealed class PostgresRestartTests(PostgresRestartTests.Host app) : IClassFixture<PostgresRestartTests.Host>
{
    private const string Password = "postgres restart password";

    /// <summary>The host over a PostgreSQL of its own, which the test may stop.</summary>
    public sealed class Host : TaxiiAppFactory
    {
        public PrivatePostgres Postgres { get; private set; } = null!;

        public User Admin { get; private set; } = null!;

        public User Member { get; private set; } = null!;

        protected override async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
        {
            Postgres = await PrivatePostgres.StartAsync(cancellationToken);
            return Postgres.ConnectionString;
        }

        protected override async Task SeedAsync()
        {
            Admin = await CreateUserAsync("restart-admin", Password, admin: true);
            Member = await CreateUserAsync("restart-member", Password);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Postgres.DisposeAsync();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_fail_cleanly_while_postgres_is_down_and_succeed_after_it_restarts_without_a_host_restart()
    {
        var collection = await app.AddCollectionAsync("restart-inbox");
        await app.GrantAsync(app.Member, collection, read: true, write: true);
        var feed = await DownloadFeedAsync("restart", ["a.restart.example", "b.restart.example"]);
        var taxii = app.CreateTaxiiClient(TaxiiVersion.V11, app.Member.Name, Password);
        using var rest = app.CreateClient(app.Admin.Name, Password);
        using var probe = app.CreateClient(); // health checks come without credentials
        rest.Timeout = probe.Timeout = TimeSpan.FromSeconds(30); // a hang fails the test instead of stalling it
        var acknowledged = new List<string>();

        (await taxii.InboxAsync(app.Address(Inbox), Message([TextBlock("before the outage", "text/plain")], collection.Name), Ct)).Status.Should().Be(StatusType.Success);
        acknowledged.Add("before the outage");
        (await rest.GetAsync("/api/v1/datasets", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        await app.Postgres.StopAsync();

        var refused = await taxii.Invoking(t => t.InboxAsync(app.Address(Inbox), Message([TextBlock("during the outage", "text/plain")], collection.Name), Ct))
            .Should().ThrowAsync<TaxiiStatusException>();
        refused.Which.Status.Should().Be(StatusType.Failure);
        refused.Which.HttpStatusCode.Should().Be(HttpStatusCode.OK, "a TAXII failure is a Status_Message");
        refused.Which.Reply.Should().NotBeNull();
        ShouldTellNothingInternal(refused.Which.Reply!.Message + refused.Which.Reply.DetailText);
        using (var problem = await rest.GetAsync("/api/v1/datasets", Ct))
        {
            problem.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the database being down is no bug");
            problem.Headers.RetryAfter.Should().NotBeNull();
            problem.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
            ShouldTellNothingInternal(await problem.Content.ReadAsStringAsync(Ct));
        }

        (await probe.GetAsync("/health/ready", Ct)).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        await app.Postgres.StartAgainAsync(Ct);

        await FaultData.WaitUntilAsync(async () => (await probe.GetAsync("/health/ready", Ct)).StatusCode == HttpStatusCode.OK, 30, "the host is ready again");
        (await taxii.InboxAsync(app.Address(Inbox), Message([TextBlock("after the outage", "text/plain")], collection.Name), Ct)).Status.Should().Be(StatusType.Success);
        acknowledged.Add("after the outage");
        (await rest.GetAsync("/api/v1/datasets", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var run = await new FeedApi(rest).RunAsync(feed);
        run.GetProperty("status").GetString().Should().Be("succeeded", "the job server works again: {0}", run);

        (await StoredTextsAsync(collection)).Should().BeEquivalentTo(acknowledged, "what was acknowledged is stored, and nothing else");
    }

    [Fact]
    public async Task Once_the_host_is_ready_again_no_pool_hands_out_a_connection_that_died_with_the_old_server()
    {
        var feed = await DownloadFeedAsync("pools", ["a.pools.example"]);
        using var rest = app.CreateClient(app.Admin.Name, Password);
        using var probe = app.CreateClient();
        rest.Timeout = probe.Timeout = TimeSpan.FromSeconds(30);
        var taxii = app.CreateTaxiiClient(TaxiiVersion.V11, app.Member.Name, Password);
        var api = new FeedApi(rest);
        // every pool holds idle connections now: the context's, the content store's and the job server's (queueing a run)
        (await api.RunAsync(feed)).GetProperty("status").GetString().Should().Be("succeeded");
        (await taxii.DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct)).ServiceInstances.Should().NotBeEmpty();

        await app.Postgres.StopAsync();
        await app.Postgres.StartAgainAsync(Ct);
        await FaultData.WaitUntilAsync(async () => (await probe.GetAsync("/health/ready", Ct)).StatusCode == HttpStatusCode.OK, 30, "the host is ready again");

        // each of these would fail on a dead pooled connection; none may
        (await rest.GetAsync("/api/v1/datasets", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await taxii.DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct)).ServiceInstances.Should().NotBeEmpty();
        (await api.RunAsync(feed)).GetProperty("status").GetString().Should().Be("succeeded", "the run was queued through the job server's pool");
    }

    /// <summary>A plain-text HTTP download feed over a new dataset holding <paramref name="values"/>.</summary>
    private async Task<int> DownloadFeedAsync(string name, string[] values)
    {
        var dataset = await app.AddDatasetWithValuesAsync(name, values);
        return await app.AddOutgoingFeedAsync(new OutgoingFeed
        {
            Name = name + " download",
            TransportType = OutgoingTransportType.HttpDownload,
            ContentType = FeedContentType.PlainText,
            UpdateStrategy = UpdateStrategy.Replace,
        }, dataset);
    }

    private static void ShouldTellNothingInternal(string text) =>
        text.Should().NotContainAny("Npgsql", "Exception", "   at ", "SELECT", "127.0.0.1", "connection");

    private async Task<List<string>> StoredTextsAsync(Collection collection)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var contents = await db.ContentBlocks.AsNoTracking().Where(b => b.CollectionId == collection.Id).Select(b => b.Content).ToListAsync(Ct);
        return [.. contents.Select(System.Text.Encoding.UTF8.GetString)];
    }
}
