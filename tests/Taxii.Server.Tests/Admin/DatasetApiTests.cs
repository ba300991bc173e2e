using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Taxii.Core.Security;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Datasets;
using Taxii.Server.Admin.Groups;
using Taxii.Server.Admin.Roles;

namespace Taxii.Server.Tests.Admin;

public sealed class DatasetApiTests(AdminApiFactory app) : IClassFixture<AdminApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Entities_are_stored_with_observables_and_found_by_type_and_value()
    {
        var dataset = await CreateDatasetAsync("found");
        var added = await AddAsync(dataset.Id, """
            [{"type":"indicator","title":"C2 address","tlp":"amber","reliability":"B","sources":["analyst"],
              "data":{"killChain":["c2"]},
              "observables":[{"kind":"ipv4","value":"198.51.100.7","maliciousness":"high"},{"kind":"domain","value":"evil.example"}]},
             {"type":"threat-actor","title":"Someone"}]
            """);
        added.RootElement.GetArrayLength().Should().Be(2);

        var indicators = await app.Admin().GetFromJsonAsync<EntityPage>($"/api/v1/datasets/{dataset.Id}/entities?type=indicator", AdminJson.Options, Ct);
        var byValue = await app.Admin().GetFromJsonAsync<EntityPage>($"/api/v1/datasets/{dataset.Id}/entities?observable=198.51.100.7", AdminJson.Options, Ct);

        var entity = indicators!.Items.Should().ContainSingle().Subject;
        byValue!.Items.Should().ContainSingle().Which.Id.Should().Be(entity.Id);
        entity.Title.Should().Be("C2 address");
        entity.Tlp.Should().Be(Core.Entities.Tlp.Amber);
        entity.Reliability.Should().Be("B");
        entity.ExternalId.Should().StartWith("taxii:indicator-");
        entity.Observables.Should().BeEquivalentTo(new[]
        {
            new ObservableDto("domain", "evil.example"),
            new ObservableDto("ipv4", "198.51.100.7", Core.Entities.Maliciousness.High),
        });
        JsonDocument.Parse(entity.Data!).RootElement.GetProperty("killChain")[0].GetString().Should().Be("c2");
        var one = await app.Admin().GetFromJsonAsync<EntityDto>($"/api/v1/datasets/{dataset.Id}/entities/{entity.Id}", AdminJson.Options, Ct);
        one!.ExternalId.Should().Be(entity.ExternalId);
    }

    [Fact]
    public async Task The_same_content_is_one_entity_and_a_known_id_updates_it()
    {
        var dataset = await CreateDatasetAsync("dedup");
        const string Body = """[{"type":"indicator","title":"same","observables":[{"kind":"url","value":"http://evil.example/x"}]}]""";

        var first = await AddAsync(dataset.Id, Body);
        var second = await AddAsync(dataset.Id, Body.Replace("\"title\":\"same\"", "\"title\": \"same\"", StringComparison.Ordinal));

        second.RootElement[0].GetProperty("id").GetInt64().Should().Be(first.RootElement[0].GetProperty("id").GetInt64());
        second.RootElement[0].GetProperty("outcome").GetString().Should().Be("unchanged");
        var externalId = first.RootElement[0].GetProperty("externalId").GetString();

        var updated = await AddAsync(dataset.Id, $$"""[{"type":"indicator","externalId":"{{externalId}}","title":"renamed"}]""");

        updated.RootElement[0].GetProperty("outcome").GetString().Should().Be("updated");
        var page = await app.Admin().GetFromJsonAsync<EntityPage>($"/api/v1/datasets/{dataset.Id}/entities", AdminJson.Options, Ct);
        page!.Items.Should().ContainSingle().Which.Title.Should().Be("renamed");
    }

    [Fact]
    public async Task A_user_sees_only_datasets_shared_with_its_groups()
    {
        var userId = await app.CreateUserViaApiAsync("lena");
        var role = await PostAsync<RoleDto>("/api/v1/roles", new { name = "dataset-users", permissions = new[] { Permissions.ReadDatasets, Permissions.ModifyDatasets } });
        var group = await PostAsync<GroupDto>("/api/v1/groups", new { name = "lenas-team" });
        (await app.Admin().PutAsync($"/api/v1/groups/{group.Id}/roles/{role.Id}", null, Ct)).EnsureSuccessStatusCode();
        (await app.Admin().PutAsync($"/api/v1/groups/{group.Id}/members/{userId}", null, Ct)).EnsureSuccessStatusCode();
        var shared = await CreateDatasetAsync("shared-with-lena", group.Id);
        var hidden = await CreateDatasetAsync("not-for-lena");
        var lena = app.As("lena");

        var visible = await lena.GetFromJsonAsync<Page<DatasetDto>>("/api/v1/datasets", AdminJson.Options, Ct);

        visible!.Items.Select(d => d.Id).Should().Equal(shared.Id);
        (await lena.GetAsync($"/api/v1/datasets/{hidden.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await lena.GetAsync($"/api/v1/datasets/{hidden.Id}/entities", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await lena.PostAsync($"/api/v1/datasets/{hidden.Id}/entities", AdminApiFactory.Json("""[{"type":"indicator"}]"""), Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await lena.PostAsJsonAsync("/api/v1/datasets", new { name = "lenas-own" }, Ct)).StatusCode
            .Should().Be(HttpStatusCode.UnprocessableEntity, "a dataset must be shared with one of her groups");
        (await lena.PostAsJsonAsync("/api/v1/datasets", new { name = "lenas-own", groupIds = new[] { group.Id } }, Ct)).StatusCode
            .Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Names_are_unique_and_bad_entities_are_422()
    {
        var dataset = await CreateDatasetAsync("unique-ds");

        (await app.Admin().PostAsJsonAsync("/api/v1/datasets", new { name = "unique-ds" }, Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        using var bad = await app.Admin().PostAsync($"/api/v1/datasets/{dataset.Id}/entities",
            AdminApiFactory.Json("""[{"type":"indicator","reliability":"Z","data":[1],"observables":[{"kind":"","value":"x"}]}]"""), Ct);
        bad.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        errors.TryGetProperty("[0].reliability", out _).Should().BeTrue();
        errors.TryGetProperty("[0].data", out _).Should().BeTrue();
        errors.TryGetProperty("[0].observables[0].kind", out _).Should().BeTrue();
        using var dragon = await app.Admin().PostAsync($"/api/v1/datasets/{dataset.Id}/entities", AdminApiFactory.Json("""[{"type":"dragon"}]"""), Ct);
        dragon.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        JsonDocument.Parse(await dragon.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").GetProperty("[0].type")[0].GetString()
            .Should().Contain("must be one of: indicator,").And.Contain("threat-actor");
    }

    [Fact]
    public async Task Deleting_an_entity_or_a_dataset_removes_it()
    {
        var dataset = await CreateDatasetAsync("deleted");
        var added = await AddAsync(dataset.Id, """[{"type":"incident","title":"gone soon"}]""");
        var entityId = added.RootElement[0].GetProperty("id").GetInt64();

        (await app.Admin().DeleteAsync($"/api/v1/datasets/{dataset.Id}/entities/{entityId}", Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await app.Admin().GetAsync($"/api/v1/datasets/{dataset.Id}/entities/{entityId}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.Admin().DeleteAsync($"/api/v1/datasets/{dataset.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await app.Admin().GetAsync($"/api/v1/datasets/{dataset.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<DatasetDto> CreateDatasetAsync(string name, params int[] groupIds) =>
        await PostAsync<DatasetDto>("/api/v1/datasets", new { name, groupIds });

    private async Task<T> PostAsync<T>(string path, object body)
    {
        using var response = await app.Admin().PostAsJsonAsync(path, body, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(AdminJson.Options, Ct))!;
    }

    private async Task<JsonDocument> AddAsync(int datasetId, string json)
    {
        using var response = await app.Admin().PostAsync($"/api/v1/datasets/{datasetId}/entities", AdminApiFactory.Json(json), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
    }
}
