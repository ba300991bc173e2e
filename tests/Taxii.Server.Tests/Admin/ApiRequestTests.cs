using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Taxii.Server.Admin.Audit;
using Taxii.Server.Admin.Services;

namespace Taxii.Server.Tests.Admin;

/// <summary>
/// The REST API as people type it (curl without a Content-Type, JSON with a typo, a wrong enum word), the audit log
/// newest first, and collections attached to a service one at a time.
/// </summary>
public sealed class ApiRequestTests(AdminApiFactory app) : IClassFixture<AdminApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_body_sent_without_the_JSON_content_type_is_415_saying_what_to_send()
    {
        // what `curl -d '{...}'` sends
        using var form = new StringContent("""{"name":"curl default"}""", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await app.Admin().PostAsync("/api/v1/datasets", form, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("Content-Type: application/json");
    }

    [Fact]
    public async Task An_unknown_API_path_is_a_404_problem_not_a_TAXII_answer()
    {
        using var response = await app.Admin().PostAsync("/api/v1/no-such-thing", AdminApiFactory.Json("{}"), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.Contains("X-TAXII-Content-Type").Should().BeFalse();
    }

    [Fact]
    public async Task JSON_that_does_not_parse_is_400_naming_line_and_position()
    {
        using var response = await app.Admin().PostAsync("/api/v1/datasets", AdminApiFactory.Json("{\n  \"name\": ,\n}"), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Errors(await ProblemAsync(response), "body").Should().ContainSingle().Which.Should().Contain("not valid JSON (line 2, position");
    }

    [Fact]
    public async Task An_unknown_enum_word_is_422_listing_the_allowed_ones()
    {
        using var response = await app.Admin().PostAsync("/api/v1/collections", AdminApiFactory.Json("""{"name":"typo","type":"data-fed"}"""), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        Errors(await ProblemAsync(response), "type").Should().ContainSingle().Which.Should().Contain("must be one of: data-feed, data-set");
    }

    [Fact]
    public async Task An_unknown_field_is_422_naming_it_at_any_depth()
    {
        using var top = await app.Admin().PostAsync("/api/v1/datasets", AdminApiFactory.Json("""{"name":"colourful","colour":"red"}"""), Ct);
        using var nested = await app.Admin().PostAsync("/api/v1/outgoing-feeds",
            AdminApiFactory.Json("""{"name":"nested typo","transport":{"type":"http-download","hots":"x"},"contentType":"csv"}"""), Ct);

        top.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        Errors(await ProblemAsync(top), "colour").Should().ContainSingle().Which.Should().Contain("colour is not a field of this endpoint");
        nested.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        Errors(await ProblemAsync(nested), "transport.hots").Should().ContainSingle();
        (await app.Admin().GetStringAsync("/api/v1/datasets?limit=500", Ct)).Should().NotContain("colourful", "nothing was created");
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_422_naming_the_field_and_the_type_wanted()
    {
        using var response = await app.Admin().PostAsync("/api/v1/datasets", AdminApiFactory.Json("""{"name":5}"""), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        Errors(await ProblemAsync(response), "name").Should().ContainSingle().Which.Should().Contain("name must be a string");
    }

    [Fact]
    public async Task The_audit_log_pages_newest_first()
    {
        var names = new[] { "audit-a", "audit-b", "audit-c" };
        foreach (var name in names)
        {
            (await app.Admin().PostAsync("/api/v1/groups", AdminApiFactory.Json($$"""{"name":"{{name}}"}"""), Ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var first = (await app.Admin().GetFromJsonAsync<AuditPage>("/api/v1/audit?resource=groups/&limit=2", Ct))!;
        var second = (await app.Admin().GetFromJsonAsync<AuditPage>($"/api/v1/audit?resource=groups/&limit=2&before={first.Next}", Ct))!;

        first.Items.Select(e => e.Id).Should().BeInDescendingOrder();
        first.Items.Select(e => e.Details).Should().SatisfyRespectively(
            d => d.Should().Contain("audit-c"), d => d.Should().Contain("audit-b"));
        second.Items.Should().Contain(e => e.Details!.Contains("audit-a"));
        second.Items.Max(e => e.Id).Should().BeLessThan(first.Items.Min(e => e.Id));
        var newer = (await app.Admin().GetFromJsonAsync<AuditPage>($"/api/v1/audit?resource=groups/&after={first.Items[^1].Id}", Ct))!;
        newer.Items.Should().ContainSingle().Which.Details.Should().Contain("audit-c");
    }

    [Fact]
    public async Task A_collection_is_attached_to_and_detached_from_a_service_on_its_own()
    {
        var collection = await PostAsync("/api/v1/collections", """{"name":"attachable","type":"data-feed"}""");
        var service = await PostAsync("/api/v1/services", """{"type":"poll","path":"/attach-poll/","description":"kept"}""");
        var id = service.GetProperty("id").GetInt32();
        var collectionId = collection.GetProperty("id").GetInt32();

        using var attached = await app.Admin().PutAsync($"/api/v1/services/{id}/collections/{collectionId}", null, Ct);
        using var again = await app.Admin().PutAsync($"/api/v1/services/{id}/collections/{collectionId}", null, Ct);

        attached.StatusCode.Should().Be(HttpStatusCode.OK);
        var dto = (await attached.Content.ReadFromJsonAsync<ServiceDto>(AdminJson.Options, Ct))!;
        dto.CollectionIds.Should().Equal(collectionId);
        dto.Description.Should().Be("kept", "nothing else of the service changes");
        (await again.Content.ReadFromJsonAsync<ServiceDto>(AdminJson.Options, Ct))!.CollectionIds.Should().Equal(collectionId);

        using var detached = await app.Admin().DeleteAsync($"/api/v1/services/{id}/collections/{collectionId}", Ct);
        detached.StatusCode.Should().Be(HttpStatusCode.OK);
        (await detached.Content.ReadFromJsonAsync<ServiceDto>(AdminJson.Options, Ct))!.CollectionIds.Should().BeEmpty();
        (await app.Admin().GetStringAsync($"/api/v1/collections/{collectionId}", Ct)).Should().Contain("attachable", "the collection stays");

        var audit = (await app.Admin().GetFromJsonAsync<AuditPage>($"/api/v1/audit?resource=services/{id}", Ct))!;
        audit.Items.Select(e => e.Action).Should().StartWith(["detach", "attach"]);
        (await app.Admin().PutAsync($"/api/v1/services/{id}/collections/999999", null, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.As(AdminApiFactory.NobodyName).PutAsync($"/api/v1/services/{id}/collections/{collectionId}", null, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var discovery = await PostAsync("/api/v1/services", """{"type":"discovery","path":"/attach-discovery/"}""");
        (await app.Admin().PutAsync($"/api/v1/services/{discovery.GetProperty("id").GetInt32()}/collections/{collectionId}", null, Ct))
            .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    private async Task<JsonElement> PostAsync(string path, string json)
    {
        using var response = await app.Admin().PostAsync(path, AdminApiFactory.Json(json), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    private static IEnumerable<string> Errors(JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!);
}
