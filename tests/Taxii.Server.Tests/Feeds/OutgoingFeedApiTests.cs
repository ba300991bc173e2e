using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Tests.Admin;
using Taxii.Testing;

namespace Taxii.Server.Tests.Feeds;

/// <summary>The outgoing feed configuration API; no job server, so runs asked for stay queued.</summary>
public sealed class OutgoingFeedApiTests(OutgoingFeedApiTests.Factory app) : IClassFixture<OutgoingFeedApiTests.Factory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Factory : TaxiiAppFactory
    {
        public string PushDirectory { get; } = TempDirectory.Create("taxii-push");

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Jobs:RunServer"] = "false",
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
    public async Task Every_wrong_setting_is_named_in_the_problem_details()
    {
        var dataset = await Admin.CreateDatasetAsync("validation-ds");

        var errors = await ErrorsAsync("""
            {"name":"bad one","datasetIds":[999999],"transport":{"type":"taxii-inbox"},"contentType":"csv","schedule":"every now and then"}
            """);
        errors.Should().ContainKeys("datasetIds", "transport.inboxUrl", "contentType", "schedule");

        errors = await ErrorsAsync($$"""
            {"name":"outside","datasetIds":[{{dataset}}],"transport":{"type":"mount-point","directory":"/etc"},"contentType":"plain-text"}
            """);
        errors.Should().ContainKey("transport.directory");
        errors = await ErrorsAsync($$"""
            {"name":"escape","datasetIds":[{{dataset}}],"transport":{"type":"mount-point","directory":"{{app.PushDirectory}}/../.."},"contentType":"csv"}
            """);
        errors.Should().ContainKey("transport.directory");

        errors = await ErrorsAsync($$"""
            {"name":"stix diff","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"stix-1.2","updateStrategy":"diff","intervalMinutes":7}
            """);
        errors.Should().ContainKeys("updateStrategy", "intervalMinutes");

        errors = await ErrorsAsync($$"""
            {"name":"no transport","datasetIds":[{{dataset}}],"filter":{"minReliability":"Q","from":"2026-02-01T00:00:00Z","until":"2026-01-01T00:00:00Z"} }
            """);
        errors.Should().ContainKeys("transport", "filter.minReliability", "filter.until");
        (await CountFeedsAsync("bad one", "outside", "escape", "stix diff", "no transport")).Should().Be(0, "nothing invalid is stored");
    }

    [Fact]
    public async Task A_feed_is_created_read_updated_and_deleted_and_its_name_is_unique()
    {
        var dataset = await Admin.CreateDatasetAsync("crud-ds");
        var body = $$"""
            {"name":"crud feed","description":"for tests","datasetIds":[{{dataset}}],"transport":{"type":"taxii-poll","collectionName":"crud-collection"},
             "contentType":"eclecticiq-json","updateStrategy":"replace","filter":{"entityTypes":["indicator"],"maxTlp":"green","observableKinds":["IPv4"]} }
            """;
        var id = await Admin.CreateFeedAsync(body);

        var feed = await Admin.Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{id}", Ct);
        feed.GetProperty("transport").GetProperty("collectionName").GetString().Should().Be("crud-collection");
        feed.GetProperty("filter").GetProperty("observableKinds")[0].GetString().Should().Be("ipv4");
        feed.GetProperty("updateStrategy").GetString().Should().Be("replace");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var collection = await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Collections.Include(c => c.Services)
                .SingleAsync(c => c.Name == "crud-collection", Ct);
            collection.ContentBindings.Should().Equal("urn:eclecticiq.com:json:1.0");
        }

        (await Admin.PostAsync("/api/v1/outgoing-feeds", body, HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain("crud feed");

        using var put = await Admin.Client.PutAsync($"/api/v1/outgoing-feeds/{id}", FeedApi.Json(body.Replace("for tests", "renamed purpose", StringComparison.Ordinal)), Ct);
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        (await put.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("description").GetString().Should().Be("renamed purpose");

        (await Admin.Client.DeleteAsync($"/api/v1/outgoing-feeds/{id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Admin.Client.GetAsync($"/api/v1/outgoing-feeds/{id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Secrets_are_write_only_and_stored_encrypted()
    {
        const string Password = "pa55-for-the-remote-inbox";
        var dataset = await Admin.CreateDatasetAsync("secret-ds");
        var body = $$"""
            {"name":"secret feed","datasetIds":[{{dataset}}],"contentType":"stix-1.2",
             "transport":{"type":"taxii-inbox","inboxUrl":"https://peer.example/taxii-inbox-service/","destinationCollection":"C","username":"alice","password":"{{Password}}"} }
            """;
        using var created = await Admin.Client.PostAsync("/api/v1/outgoing-feeds", FeedApi.Json(body), Ct);
        var text = await created.Content.ReadAsStringAsync(Ct);
        created.StatusCode.Should().Be(HttpStatusCode.Created, text);
        text.Should().NotContain(Password);
        var feed = JsonDocument.Parse(text).RootElement;
        feed.GetProperty("transport").GetProperty("hasPassword").GetBoolean().Should().BeTrue();
        var id = feed.GetProperty("id").GetInt32();
        (await StoredTransportAsync(id)).Should().NotContain(Password).And.Contain("ProtectedPassword");

        // left out: kept; empty: removed
        using var kept = await Admin.Client.PutAsync($"/api/v1/outgoing-feeds/{id}", FeedApi.Json(body.Replace($",\"password\":\"{Password}\"", "", StringComparison.Ordinal)), Ct);
        (await kept.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("transport").GetProperty("hasPassword").GetBoolean().Should().BeTrue();
        using var removed = await Admin.Client.PutAsync($"/api/v1/outgoing-feeds/{id}", FeedApi.Json(body.Replace(Password, "", StringComparison.Ordinal)), Ct);
        (await removed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("transport").GetProperty("hasPassword").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task The_schedule_follows_the_feed_and_disabling_removes_it()
    {
        var dataset = await Admin.CreateDatasetAsync("schedule-ds");
        var body = $$"""{"name":"scheduled","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"csv","schedule":"*/5 * * * *"}""";
        var id = await Admin.CreateFeedAsync(body);
        RecurringJob(id)!.Cron.Should().Be("*/5 * * * *");

        (await Admin.Client.PutAsync($"/api/v1/outgoing-feeds/{id}", FeedApi.Json(body.Replace("\"schedule\":\"*/5 * * * *\"", "\"intervalMinutes\":120", StringComparison.Ordinal)), Ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        RecurringJob(id)!.Cron.Should().Be("0 */2 * * *");

        (await Admin.Client.PutAsync($"/api/v1/outgoing-feeds/{id}", FeedApi.Json(body.Replace("\"name\"", "\"enabled\":false,\"name\"", StringComparison.Ordinal)), Ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        RecurringJob(id).Should().BeNull("a disabled feed has no schedule");
        (await Admin.PostAsync($"/api/v1/outgoing-feeds/{id}/runs", "{}", HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain("disabled");

        (await Admin.Client.PutAsync($"/api/v1/outgoing-feeds/{id}", FeedApi.Json(body), Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        RecurringJob(id).Should().NotBeNull();
        (await Admin.Client.DeleteAsync($"/api/v1/outgoing-feeds/{id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        RecurringJob(id).Should().BeNull();
    }

    [Fact]
    public async Task A_second_run_is_refused_while_one_is_queued()
    {
        var dataset = await Admin.CreateDatasetAsync("queue-ds");
        var id = await Admin.CreateFeedAsync($$"""{"name":"queued","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"csv"}""");

        var first = await Admin.PostAsync($"/api/v1/outgoing-feeds/{id}/runs", "{}", HttpStatusCode.Accepted);
        var second = await Admin.PostAsync($"/api/v1/outgoing-feeds/{id}/runs", "{}", HttpStatusCode.Conflict);

        first.GetProperty("status").GetString().Should().Be("queued");
        first.GetProperty("trigger").GetString().Should().Be("manual");
        second.GetProperty("detail").GetString().Should().Contain("already has a run");
        var runs = await Admin.Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{id}/runs", Ct);
        runs.GetProperty("items").GetArrayLength().Should().Be(1);
        app.Logs.Errors().Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture))
            .Should().NotContain(m => m.Contains("outgoing_feed_runs", StringComparison.Ordinal), "a refused second run is no database error");
    }

    [Fact]
    public async Task A_user_sees_only_feeds_of_its_groups_and_needs_modify_to_change_them()
    {
        var admin = Admin;
        var role = await admin.PostAsync("/api/v1/roles", $$"""{"name":"feed readers","permissions":["{{Permissions.ReadOutgoingFeeds}}"]}""", HttpStatusCode.Created);
        var group = await admin.PostAsync("/api/v1/groups", """{"name":"feed audience"}""", HttpStatusCode.Created);
        var groupId = group.GetProperty("id").GetInt32();
        var userId = (await admin.PostAsync("/api/v1/users", $$"""{"name":"fiona","password":"{{AdminApiFactory.Password}}"}""", HttpStatusCode.Created)).GetProperty("id").GetInt32();
        (await admin.Client.PutAsync($"/api/v1/groups/{groupId}/roles/{role.GetProperty("id").GetInt32()}", null, Ct)).EnsureSuccessStatusCode();
        (await admin.Client.PutAsync($"/api/v1/groups/{groupId}/members/{userId}", null, Ct)).EnsureSuccessStatusCode();
        var dataset = await admin.CreateDatasetAsync("visibility-ds");
        var shared = await admin.CreateFeedAsync($$"""{"name":"shared feed","datasetIds":[{{dataset}}],"groupIds":[{{groupId}}],"transport":{"type":"http-download"},"contentType":"csv"}""");
        var hidden = await admin.CreateFeedAsync($$"""{"name":"hidden feed","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"csv"}""");
        var fiona = app.CreateClient("fiona", AdminApiFactory.Password);

        var list = await fiona.GetFromJsonAsync<JsonElement>("/api/v1/outgoing-feeds", Ct);
        list.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetInt32()).Should().Equal(shared);
        (await fiona.GetAsync($"/api/v1/outgoing-feeds/{hidden}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await fiona.PostAsync($"/api/v1/outgoing-feeds/{shared}/runs", FeedApi.Json("{}"), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fiona.DeleteAsync($"/api/v1/outgoing-feeds/{shared}", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<Dictionary<string, string[]>> ErrorsAsync(string body)
    {
        var problem = await Admin.PostAsync("/api/v1/outgoing-feeds", body, HttpStatusCode.UnprocessableEntity);
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    private async Task<int> CountFeedsAsync(params string[] names)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().OutgoingFeeds.CountAsync(f => names.Contains(f.Name), Ct);
    }

    private async Task<string> StoredTransportAsync(int id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        return await db.Database.SqlQuery<string>($"SELECT transport::text AS \"Value\" FROM outgoing_feeds WHERE id = {id}").SingleAsync(Ct);
    }

    private RecurringJobDto? RecurringJob(int feedId)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().SingleOrDefault(j => j.Id == $"outgoing-feed-{feedId}");
    }
}
