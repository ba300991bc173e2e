using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Query;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Collections;
using Taxii.Server.Admin.Datasets;
using Taxii.Server.Admin.Services;

namespace Taxii.Server.Tests.Admin;

/// <summary>Collections and services configured through the API, seen by TAXII clients without a restart.</summary>
public sealed class TaxiiConfigApiTests(AdminApiFactory app) : IClassFixture<AdminApiFactory>
{

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_service_answers_at_once_and_a_deleted_one_is_gone_at_once()
    {
        var dataset = await PostAsync<DatasetDto>("/api/v1/datasets", new { name = "alice-shared" });
        var collection = await PostAsync<CollectionDto>("/api/v1/collections", new
        {
            name = "urn:alice:C",
            type = "data-set",
            contentBindings = new[] { ContentBindingIds.EclecticIqJson10 },
            sourceDatasetIds = new[] { dataset.Id },
        });
        collection.Type.Should().Be(Core.Collections.CollectionType.DataSet);
        collection.SourceDatasetIds.Should().Equal(dataset.Id);

        var service = await PostAsync<ServiceDto>("/api/v1/services", new
        {
            type = "inbox",
            path = "/alice-inbox/",
            authenticationRequired = true,
            collectionIds = new[] { collection.Id },
        });

        var taxii = app.CreateTaxiiClient(TaxiiVersion.V11, AdminApiFactory.AdminName, AdminApiFactory.Password);
        var discovery = await taxii.DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct);
        var inbox = discovery.ServiceInstances.Should().ContainSingle(s => s.Address.EndsWith("/alice-inbox/", StringComparison.Ordinal)).Subject;
        inbox.ContentBindings.Select(b => b.BindingId).Should().Equal(ContentBindingIds.EclecticIqJson10);

        using (var changed = await app.Admin().PutAsJsonAsync($"/api/v1/collections/{collection.Id}", new
        {
            name = "urn:alice:C",
            type = "data-set",
            contentBindings = new[] { ContentBindingIds.Stix12 },
            sourceDatasetIds = new[] { dataset.Id },
        }, Ct))
        {
            changed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var rediscovered = await taxii.DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct);
        rediscovered.ServiceInstances.Single(s => s.Address.EndsWith("/alice-inbox/", StringComparison.Ordinal))
            .ContentBindings.Select(b => b.BindingId).Should().Equal(ContentBindingIds.Stix12);

        (await app.Admin().DeleteAsync($"/api/v1/services/{service.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await app.CreateClient().PostAsync("/alice-inbox/", new StringContent(""), Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Paths_are_unique_and_may_not_take_the_servers_own()
    {
        await PostAsync<ServiceDto>("/api/v1/services", new { type = "poll", path = "/only-once/" });

        (await app.Admin().PostAsJsonAsync("/api/v1/services", new { type = "poll", path = "/only-once/" }, Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        app.Logs.Errors().Should().BeEmpty("a name taken is an expected refusal, not an error");
        (await app.Admin().PostAsJsonAsync("/api/v1/services", new { type = "poll", path = "/api/v1/sneaky" }, Ct)).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await app.Admin().PostAsJsonAsync("/api/v1/services", new { type = "poll", path = "relative" }, Ct)).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await app.Admin().PostAsJsonAsync("/api/v1/services", new { type = "poll", path = "/p/", collectionIds = new[] { 999999 } }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Collection_group_rights_are_set_and_replaced()
    {
        var group = await PostAsync<Server.Admin.Groups.GroupDto>("/api/v1/groups", new { name = "collection-readers" });
        var collection = await PostAsync<CollectionDto>("/api/v1/collections", new
        {
            name = "urn:alice:rights",
            groups = new[] { new { groupId = group.Id, canRead = true, canWrite = false } },
        });
        collection.Groups.Should().Equal(new CollectionGroupDto(group.Id, true, false));

        using var updated = await app.Admin().PutAsJsonAsync($"/api/v1/collections/{collection.Id}", new
        {
            name = "urn:alice:rights",
            groups = new[] { new { groupId = group.Id, canRead = true, canWrite = true } },
        }, Ct);

        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        (await updated.Content.ReadFromJsonAsync<CollectionDto>(AdminJson.Options, Ct))!.Groups.Should().Equal(new CollectionGroupDto(group.Id, true, true));
        (await app.Admin().PostAsJsonAsync("/api/v1/collections", new { name = "urn:alice:rights" }, Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Without_taxii_permissions_collections_and_services_are_refused()
    {
        var nobody = app.As(AdminApiFactory.NobodyName);

        (await nobody.GetAsync("/api/v1/collections", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.GetAsync("/api/v1/services", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.PostAsJsonAsync("/api/v1/services", new { type = "poll", path = "/x/" }, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_user_sees_only_collections_shared_with_its_groups()
    {
        var userId = await app.CreateUserViaApiAsync("mona");
        var role = await PostAsync<Server.Admin.Roles.RoleDto>("/api/v1/roles", new { name = "taxii-readers", permissions = new[] { Core.Security.Permissions.ReadTaxiiServices } });
        var group = await PostAsync<Server.Admin.Groups.GroupDto>("/api/v1/groups", new { name = "monas-team" });
        (await app.Admin().PutAsync($"/api/v1/groups/{group.Id}/roles/{role.Id}", null, Ct)).EnsureSuccessStatusCode();
        (await app.Admin().PutAsync($"/api/v1/groups/{group.Id}/members/{userId}", null, Ct)).EnsureSuccessStatusCode();
        var shared = await PostAsync<CollectionDto>("/api/v1/collections", new
        {
            name = "urn:shared:with-mona",
            groups = new[] { new { groupId = group.Id, canRead = true, canWrite = false } },
        });
        var hidden = await PostAsync<CollectionDto>("/api/v1/collections", new { name = "urn:hidden:from-mona" });

        var page = await app.As("mona").GetFromJsonAsync<Page<CollectionDto>>("/api/v1/collections", AdminJson.Options, Ct);

        page!.Items.Select(c => c.Id).Should().Equal(shared.Id);
        (await app.As("mona").GetAsync($"/api/v1/collections/{hidden.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_Default_Query_is_advertised_only_where_an_administrator_turns_it_on()
    {
        var poll = await PostAsync<ServiceDto>("/api/v1/services", new { type = "poll", path = "/queried-poll/" });
        poll.AdvertiseDefaultQuery.Should().BeFalse();
        var taxii11 = app.CreateTaxiiClient(TaxiiVersion.V11, AdminApiFactory.AdminName, AdminApiFactory.Password);
        (await DiscoveredAsync(taxii11)).SupportedQueries.Should().BeEmpty();

        using (var changed = await app.Admin().PutAsJsonAsync($"/api/v1/services/{poll.Id}",
            new { type = "poll", path = "/queried-poll/", advertiseDefaultQuery = true }, Ct))
        {
            changed.StatusCode.Should().Be(HttpStatusCode.OK);
            (await changed.Content.ReadFromJsonAsync<ServiceDto>(AdminJson.Options, Ct))!.AdvertiseDefaultQuery.Should().BeTrue();
        }

        var advertised = (await DiscoveredAsync(taxii11)).SupportedQueries.Should().ContainSingle().Subject;
        advertised.FormatId.Should().Be(QueryFormatIds.DefaultQuery10);
        DefaultQueryXml.ParseInfo(advertised.Xml!).TargetingExpressions.Should().ContainSingle()
            .Which.TargetingExpressionId.Should().Be(TargetingExpressionIds.Stix12);
        var taxii10 = app.CreateTaxiiClient(TaxiiVersion.V10, AdminApiFactory.AdminName, AdminApiFactory.Password);
        (await DiscoveredAsync(taxii10)).SupportedQueries.Should().BeEmpty("TAXII 1.0 has no query");

        using var refused = await app.Admin().PostAsJsonAsync("/api/v1/services",
            new { type = "inbox", path = "/queried-inbox/", advertiseDefaultQuery = true }, Ct);
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync(Ct)).Should().Contain("advertiseDefaultQuery");

        async Task<ServiceInstance> DiscoveredAsync(Protocol.Client.TaxiiClient client) =>
            (await client.DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct)).ServiceInstances
                .Single(s => s.Address.EndsWith("/queried-poll/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_seeded_services_are_listed()
    {
        var page = await app.Admin().GetFromJsonAsync<Page<ServiceDto>>("/api/v1/services", AdminJson.Options, Ct);

        page!.Items.Select(s => s.Path).Should().Contain(["/taxii-discovery-service/", "/taxii-poll-service/"]);
    }

    private async Task<T> PostAsync<T>(string path, object body)
    {
        using var response = await app.Admin().PostAsJsonAsync(path, body, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(AdminJson.Options, Ct))!;
    }
}
