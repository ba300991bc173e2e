using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Taxii.Server.Tests.Admin;
using Taxii.Testing;

namespace Taxii.Server.Tests.Feeds;

/// <summary>
/// Outgoing feeds whose sources are incoming feeds and user groups (besides datasets), run by the host's job server and
/// read back over HTTP download: what each source publishes comes from the entities' provenance.
/// </summary>
public sealed class OutgoingFeedSourceTests(OutgoingFeedSourceTests.Factory app) : IClassFixture<OutgoingFeedSourceTests.Factory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Factory : TaxiiAppFactory
    {
        protected override async Task SeedAsync() =>
            await CreateUserAsync(AdminApiFactory.AdminName, AdminApiFactory.Password, admin: true);
    }

    private FeedApi Admin => new(app.CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password));

    [Fact]
    public async Task An_incoming_feed_source_publishes_exactly_what_that_feed_brought_and_not_another_feeds_in_the_same_dataset()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("two-feeds");
        var first = await CreateUploadFeedAsync(api, "upload one", dataset);
        var second = await CreateUploadFeedAsync(api, "upload two", dataset);
        await UploadAsync(api, first, "192.0.2.1\n192.0.2.2\n");
        await UploadAsync(api, second, "192.0.2.2\n198.51.100.9\n");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","observables":[{"kind":"ipv4","value":"203.0.113.5"}]}]""");

        var feed = await api.CreateFeedAsync($$"""
            {"name":"what one brought","incomingFeedIds":[{{first}}],"transport":{"type":"http-download"},"contentType":"plain-text","updateStrategy":"append"}
            """);

        Lines(await api.RunAndDownloadAsync(feed)).Should().BeEquivalentTo(["192.0.2.1", "192.0.2.2"],
            "192.0.2.2 was brought by both feeds; the other feed's and the REST entity are not the source's");
        await UploadAsync(api, second, "192.0.2.1\n");
        (await api.RunAsync(feed)).GetProperty("packageCount").GetInt32().Should().Be(0, "the other feed bringing it again changes nothing");

        var dto = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{feed}", Ct);
        dto.GetProperty("incomingFeedIds").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(first);
        dto.GetProperty("datasetIds").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_group_source_publishes_what_members_added_or_uploaded_while_they_were_members()
    {
        var api = Admin;
        var me = await api.Client.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        var userId = me.GetProperty("id").GetInt32();
        var group = (await api.PostAsync("/api/v1/groups", """{"name":"analysts"}""", HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var dataset = await api.CreateDatasetAsync("by-members");
        var upload = await CreateUploadFeedAsync(api, "members upload", dataset);
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","observables":[{"kind":"domain","value":"before.example"}]}]""");

        (await api.Client.PutAsync($"/api/v1/groups/{group}/members/{userId}", null, Ct)).EnsureSuccessStatusCode();
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","observables":[{"kind":"domain","value":"added.example"}]}]""");
        await UploadAsync(api, upload, "uploaded.example\n");
        (await api.Client.DeleteAsync($"/api/v1/groups/{group}/members/{userId}", Ct)).EnsureSuccessStatusCode();
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","observables":[{"kind":"domain","value":"after.example"}]}]""");

        var feed = await api.CreateFeedAsync($$"""
            {"name":"what analysts brought","sourceGroupIds":[{{group}}],"transport":{"type":"http-download"},"contentType":"plain-text","updateStrategy":"replace"}
            """);

        Lines(await api.RunAndDownloadAsync(feed)).Should().BeEquivalentTo(["added.example", "uploaded.example"],
            "only what was added or uploaded while the user was a member");
    }

    [Fact]
    public async Task Mixed_sources_publish_each_entity_once_and_filters_apply_to_all_of_them()
    {
        var api = Admin;
        var whole = await api.CreateDatasetAsync("mixed-whole");
        var other = await api.CreateDatasetAsync("mixed-other");
        var upload = await CreateUploadFeedAsync(api, "mixed upload", other);
        await api.AddEntitiesAsync(whole, """
            [{"type":"indicator","observables":[{"kind":"ipv4","value":"192.0.2.50"}]},
             {"type":"indicator","tlp":"red","observables":[{"kind":"ipv4","value":"192.0.2.51"}]}]
            """);
        var group = (await api.PostAsync("/api/v1/groups", """{"name":"mixed"}""", HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var me = (await api.Client.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct)).GetProperty("id").GetInt32();
        (await api.Client.PutAsync($"/api/v1/groups/{group}/members/{me}", null, Ct)).EnsureSuccessStatusCode();
        // brought by the feed source and uploaded by a member of the group source: one entity in two sources
        await UploadAsync(api, upload, "192.0.2.50\n192.0.2.60\n");
        (await api.Client.DeleteAsync($"/api/v1/groups/{group}/members/{me}", Ct)).EnsureSuccessStatusCode();

        var feed = await api.CreateFeedAsync($$"""
            {"name":"mixed","datasetIds":[{{whole}}],"incomingFeedIds":[{{upload}}],"sourceGroupIds":[{{group}}],
             "transport":{"type":"http-download"},"contentType":"plain-text","updateStrategy":"replace","filter":{"maxTlp":"amber"} }
            """);

        // 192.0.2.50 is two entities (one per dataset), so the plain text lists it twice; each entity comes once
        Lines(await api.RunAndDownloadAsync(feed)).Should().BeEquivalentTo(["192.0.2.50", "192.0.2.50", "192.0.2.60"],
            "the red entity is filtered out, and an entity the feed and the group source both hold comes once");
        var run = await api.RunAsync(feed);
        run.GetProperty("entityCount").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task Sources_the_caller_may_not_use_are_refused_naming_the_field()
    {
        var api = Admin;
        using var response = await api.Client.PostAsync("/api/v1/outgoing-feeds", FeedApi.Json("""
            {"name":"bad sources","incomingFeedIds":[99999],"sourceGroupIds":[99998],"transport":{"type":"http-download"},"contentType":"csv"}
            """), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        errors.GetProperty("incomingFeedIds")[0].GetString().Should().Contain("99999");
        errors.GetProperty("sourceGroupIds")[0].GetString().Should().Contain("99998");

        using var none = await api.Client.PostAsync("/api/v1/outgoing-feeds", FeedApi.Json("""
            {"name":"no sources","transport":{"type":"http-download"},"contentType":"csv"}
            """), Ct);
        none.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await none.Content.ReadAsStringAsync(Ct)).Should().Contain("incomingFeedIds or sourceGroupIds");
    }

    private static async Task<int> CreateUploadFeedAsync(FeedApi api, string name, int dataset) =>
        (await api.PostAsync("/api/v1/incoming-feeds", $$"""
            {"name":"{{name}}","datasetId":{{dataset}},"contentType":"plain-text","transport":{"type":"manual-upload"} }
            """, HttpStatusCode.Created)).GetProperty("id").GetInt32();

    private static async Task UploadAsync(FeedApi api, int feed, string text)
    {
        using var response = await api.Client.PostAsync($"/api/v1/incoming-feeds/{feed}/uploads", new StringContent(text, Encoding.UTF8, "text/plain"), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private static IReadOnlyList<string> Lines(IReadOnlyList<string> packages) =>
        [.. packages.SelectMany(p => p.Split('\n', StringSplitOptions.RemoveEmptyEntries))];
}
