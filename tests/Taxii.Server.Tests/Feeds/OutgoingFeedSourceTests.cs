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

    [Fact]
    public async Task A_user_who_may_modify_outgoing_feeds_is_refused_an_incoming_feed_on_a_dataset_it_may_not_read_and_a_foreign_group()
    {
        var admin = Admin;
        var (carol, own, foreign) = await FeedMakerAsync(admin, "carol");
        var readable = await CreateSharedDatasetAsync(admin, "carol-readable", own);
        var unreadable = await CreateSharedDatasetAsync(admin, "carol-unreadable", foreign);
        // both feeds are shared with carol's group, so she sees them; only the first stores where she may read
        var readableFeed = await CreateUploadFeedAsync(admin, "carol readable upload", readable, own);
        var unreadableFeed = await CreateUploadFeedAsync(admin, "carol unreadable upload", unreadable, own);

        var refused = await RefusedAsync(carol, $$"""
            {"name":"carol unreadable feed","incomingFeedIds":[{{unreadableFeed}}],"groupIds":[{{own}}],"transport":{"type":"http-download"},"contentType":"csv"}
            """);
        refused.GetProperty("incomingFeedIds")[0].GetString().Should()
            .Be($"incoming feed {unreadableFeed} stores into dataset {unreadable}, which you may not read");
        refused.TryGetProperty("sourceGroupIds", out _).Should().BeFalse();

        refused = await RefusedAsync(carol, $$"""
            {"name":"carol foreign group","sourceGroupIds":[{{foreign}}],"groupIds":[{{own}}],"transport":{"type":"http-download"},"contentType":"csv"}
            """);
        refused.GetProperty("sourceGroupIds")[0].GetString().Should().Be($"you are not a member of group {foreign}");
        refused.TryGetProperty("incomingFeedIds", out _).Should().BeFalse();

        var accepted = await carol.PostAsync("/api/v1/outgoing-feeds", $$"""
            {"name":"carol readable","incomingFeedIds":[{{readableFeed}}],"sourceGroupIds":[{{own}}],"groupIds":[{{own}}],"transport":{"type":"http-download"},"contentType":"csv"}
            """, HttpStatusCode.Created);
        accepted.GetProperty("incomingFeedIds").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(readableFeed);
        accepted.GetProperty("sourceGroupIds").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(own);
        accepted.GetProperty("ownerId").GetInt32().Should().Be(await UserIdAsync(carol));
    }

    [Fact]
    public async Task Sources_in_a_dataset_the_owner_may_no_longer_read_are_left_out_of_later_runs()
    {
        var admin = Admin;
        var (dave, own, foreign) = await FeedMakerAsync(admin, "dave");
        var polled = await CreateSharedDatasetAsync(admin, "dave-polled", own);
        var added = await CreateSharedDatasetAsync(admin, "dave-added", own);
        var upload = await CreateUploadFeedAsync(admin, "dave upload", polled, own);
        await UploadAsync(admin, upload, "192.0.2.70\n");
        var adminId = await UserIdAsync(admin);
        (await admin.Client.PutAsync($"/api/v1/groups/{own}/members/{adminId}", null, Ct)).EnsureSuccessStatusCode();
        await admin.AddEntitiesAsync(added, """[{"type":"indicator","observables":[{"kind":"ipv4","value":"192.0.2.71"}]}]""");
        (await admin.Client.DeleteAsync($"/api/v1/groups/{own}/members/{adminId}", Ct)).EnsureSuccessStatusCode();

        var feed = await dave.CreateFeedAsync($$"""
            {"name":"dave republishes","incomingFeedIds":[{{upload}}],"sourceGroupIds":[{{own}}],"groupIds":[{{own}}],
             "transport":{"type":"http-download"},"contentType":"plain-text","updateStrategy":"replace"}
            """);
        Lines(await dave.RunAndDownloadAsync(feed)).Should().BeEquivalentTo(["192.0.2.70", "192.0.2.71"]);

        await ShareAsync(admin, polled, "dave-polled", foreign);
        Lines(await dave.RunAndDownloadAsync(feed)).Should().Equal(["192.0.2.71"],
            "the owner may no longer read the dataset the incoming feed stores into");

        await ShareAsync(admin, added, "dave-added", foreign);
        Lines(await dave.RunAndDownloadAsync(feed)).Should().BeEmpty("nor the one the group's member added to");
        var run = await dave.RunAsync(feed);
        run.GetProperty("status").GetString().Should().Be("succeeded", "withdrawn rights exclude entities rather than fail the run");
        run.GetProperty("entityCount").GetInt32().Should().Be(0);
    }

    /// <summary>
    /// A user holding a role with <c>modify outgoing-feeds</c> (no administrator), a member of a new group; and a group
    /// it is not a member of.
    /// </summary>
    private async Task<(FeedApi User, int Own, int Foreign)> FeedMakerAsync(FeedApi admin, string name)
    {
        var role = (await admin.PostAsync("/api/v1/roles", $$"""
            {"name":"{{name}} feeds","permissions":["read outgoing-feeds","modify outgoing-feeds"]}
            """, HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var user = (await admin.PostAsync("/api/v1/users", $$"""{"name":"{{name}}","password":"{{AdminApiFactory.Password}}"}""", HttpStatusCode.Created))
            .GetProperty("id").GetInt32();
        var own = (await admin.PostAsync("/api/v1/groups", $$"""{"name":"{{name}}'s"}""", HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var foreign = (await admin.PostAsync("/api/v1/groups", $$"""{"name":"not {{name}}'s"}""", HttpStatusCode.Created)).GetProperty("id").GetInt32();
        (await admin.Client.PutAsync($"/api/v1/users/{user}/roles/{role}", null, Ct)).EnsureSuccessStatusCode();
        (await admin.Client.PutAsync($"/api/v1/groups/{own}/members/{user}", null, Ct)).EnsureSuccessStatusCode();
        return (new FeedApi(app.CreateClient(name, AdminApiFactory.Password)), own, foreign);
    }

    private static async Task<int> CreateSharedDatasetAsync(FeedApi api, string name, int group) =>
        (await api.PostAsync("/api/v1/datasets", $$"""{"name":"{{name}}","groupIds":[{{group}}]}""", HttpStatusCode.Created)).GetProperty("id").GetInt32();

    private static async Task ShareAsync(FeedApi api, int dataset, string name, int group)
    {
        using var response = await api.Client.PutAsync($"/api/v1/datasets/{dataset}", FeedApi.Json($$"""{"name":"{{name}}","groupIds":[{{group}}]}"""), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<int> UserIdAsync(FeedApi api) =>
        (await api.Client.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct)).GetProperty("id").GetInt32();

    /// <summary>Posts an outgoing feed expecting 422; returns the errors by field.</summary>
    private static async Task<JsonElement> RefusedAsync(FeedApi api, string json) =>
        (await api.PostAsync("/api/v1/outgoing-feeds", json, HttpStatusCode.UnprocessableEntity)).GetProperty("errors");

    private static async Task<int> CreateUploadFeedAsync(FeedApi api, string name, int dataset, int? group = null) =>
        (await api.PostAsync("/api/v1/incoming-feeds", $$"""
            {"name":"{{name}}","datasetId":{{dataset}},"groupIds":[{{group}}],"contentType":"plain-text","transport":{"type":"manual-upload"} }
            """, HttpStatusCode.Created)).GetProperty("id").GetInt32();

    private static async Task UploadAsync(FeedApi api, int feed, string text)
    {
        using var response = await api.Client.PostAsync($"/api/v1/incoming-feeds/{feed}/uploads", new StringContent(text, Encoding.UTF8, "text/plain"), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private static IReadOnlyList<string> Lines(IReadOnlyList<string> packages) =>
        [.. packages.SelectMany(p => p.Split('\n', StringSplitOptions.RemoveEmptyEntries))];
}
