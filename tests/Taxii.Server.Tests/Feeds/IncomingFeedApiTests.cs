using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Server.Tests.Admin;
using Taxii.Testing;

namespace Taxii.Server.Tests.Feeds;

/// <summary>The incoming feed configuration API; no job server, so runs asked for stay queued.</summary>
public sealed class IncomingFeedApiTests(IncomingFeedApiTests.Factory app) : IClassFixture<IncomingFeedApiTests.Factory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Factory : TaxiiAppFactory
    {
        public string PollDirectory { get; } = TempDirectory.Create("taxii-poll");

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Jobs:RunServer"] = "false",
            ["Taxii:MountPoints:PollAllowedDirectories:0"] = PollDirectory,
        };

        protected override Task SeedAsync() => CreateUserAsync(AdminApiFactory.AdminName, AdminApiFactory.Password, admin: true);
    }

    private FeedApi Admin => new(app.CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password));

    [Fact]
    public async Task Every_wrong_setting_is_named_in_the_problem_details()
    {
        var dataset = await Admin.CreateDatasetAsync("incoming-validation");

        var errors = await ErrorsAsync("""{"name":"bad","datasetId":999999,"transport":{"type":"taxii-poll","pollUrl":"ftp://x/","password":"p"},"schedule":"now"}""");
        errors.Should().ContainKeys("datasetId", "transport.pollUrl", "transport.collectionName", "transport.password", "schedule");

        errors = await ErrorsAsync($$"""{"name":"outside","datasetId":{{dataset}},"transport":{"type":"mount-point","directory":"{{app.PollDirectory}}/.."} }""");
        errors.Should().ContainKey("transport.directory");

        errors = await ErrorsAsync($$"""{"name":"no collection","datasetId":{{dataset}},"transport":{"type":"taxii-inbox","collectionName":"no-such-collection"},"intervalMinutes":5}""");
        errors.Should().ContainKeys("transport.collectionName", "schedule");

        errors = await ErrorsAsync($$"""{"name":"credentials in url","datasetId":{{dataset}},"transport":{"type":"taxii-poll","pollUrl":"https://user:secret@peer.example/poll/","collectionName":"C"} }""");
        errors.Should().ContainKey("transport.pollUrl");
    }

    [Fact]
    public async Task Feed_names_are_unique_across_incoming_and_outgoing_feeds()
    {
        var dataset = await Admin.CreateDatasetAsync("names");
        await Admin.CreateFeedAsync($$"""{"name":"one name","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"csv"}""");
        await Admin.PostAsync("/api/v1/incoming-feeds", $$"""{"name":"other name","datasetId":{{dataset}},"transport":{"type":"manual-upload"} }""", HttpStatusCode.Created);

        (await Admin.PostAsync("/api/v1/incoming-feeds", $$"""{"name":"one name","datasetId":{{dataset}},"transport":{"type":"manual-upload"} }""", HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().Should().Contain("one name");
        await Admin.PostAsync("/api/v1/outgoing-feeds", $$"""{"name":"other name","datasetIds":[{{dataset}}],"transport":{"type":"http-download"},"contentType":"csv"}""", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_poll_feed_keeps_its_password_to_itself_and_follows_its_schedule()
    {
        const string Password = "remote poll password";
        var dataset = await Admin.CreateDatasetAsync("poll-config");
        using var created = await Admin.Client.PostAsync("/api/v1/incoming-feeds", FeedApi.Json($$"""
            {"name":"polling","datasetId":{{dataset}},"contentType":"stix-1.2","intervalMinutes":30,
             "transport":{"type":"taxii-poll","pollUrl":"https://peer.example/taxii-poll-service/","collectionName":"C","username":"u","password":"{{Password}}","initialBegin":"2026-01-01T00:00:00Z"} }
            """), Ct);
        var text = await created.Content.ReadAsStringAsync(Ct);
        created.StatusCode.Should().Be(HttpStatusCode.Created, text);
        text.Should().NotContain(Password);
        var feed = JsonDocument.Parse(text).RootElement;
        feed.GetProperty("transport").GetProperty("hasPassword").GetBoolean().Should().BeTrue();
        feed.GetProperty("schedule").GetString().Should().Be("*/30 * * * *");
        var id = feed.GetProperty("id").GetInt32();
        using (var connection = app.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            connection.GetRecurringJobs().Should().Contain(j => j.Id == $"incoming-feed-{id}" && j.Cron == "*/30 * * * *");
        }

        var run = await Admin.PostAsync($"/api/v1/incoming-feeds/{id}/runs", "{}", HttpStatusCode.Accepted);
        run.GetProperty("status").GetString().Should().Be("queued");
        await Admin.PostAsync($"/api/v1/incoming-feeds/{id}/runs", "{}", HttpStatusCode.Conflict);
        (await Admin.Client.DeleteAsync($"/api/v1/incoming-feeds/{id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Admin.Client.GetAsync($"/api/v1/incoming-feeds/{id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var connection = app.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            connection.GetRecurringJobs().Should().NotContain(j => j.Id == $"incoming-feed-{id}");
        }
    }

    private async Task<Dictionary<string, string[]>> ErrorsAsync(string body)
    {
        var problem = await Admin.PostAsync("/api/v1/incoming-feeds", body, HttpStatusCode.UnprocessableEntity);
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
