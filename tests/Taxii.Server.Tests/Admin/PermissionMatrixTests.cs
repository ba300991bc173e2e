using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Tests.Feeds;
using Taxii.Server.Tests.Taxii;
using Taxii.Testing;

namespace Taxii.Server.Tests.Admin;

/// <summary>
/// Every API endpoint × anonymous / a wrong password / a user without permissions / a user holding exactly the
/// endpoint's permission: 401, 401, 403, and neither 401 nor 403. Resources shared with groups (datasets, collections,
/// feeds): a user holding the permission outside the resource's group finds nothing there (404), a member does.
/// Endpoints are read from the running host, so a new one is covered at once.
/// </summary>
public sealed partial class PermissionMatrixTests(PermissionMatrixTests.Factory app) : IClassFixture<PermissionMatrixTests.Factory>
{
    public sealed class Factory : TaxiiAppFactory
    {
        /// <summary>A dataset, a collection and an incoming and an outgoing feed shared with the "owners" group, by route prefix.</summary>
        public Dictionary<string, int> GroupScoped { get; } = [];

        // the matrix sends a wrong password per endpoint from one address; the brute-force limits are not tested here
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Auth:MaxFailedLoginsPerUser"] = "10000",
            ["Taxii:Auth:MaxFailedLoginsPerAddress"] = "1000000",
        };

        protected override async Task SeedAsync()
        {
            await CreateUserAsync(AdminApiFactory.AdminName, AdminApiFactory.Password, admin: true);
            await CreateUserAsync(AdminApiFactory.NobodyName, AdminApiFactory.Password);
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            foreach (var permission in Permissions.All)
            {
                var user = await CreateUserAsync(UserFor(permission), AdminApiFactory.Password);
                var role = new Role { Name = "only " + permission, Permissions = [permission] };
                db.Roles.Add(role);
                db.Attach(user);
                user.Roles.Add(role);
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await SeedGroupScopedAsync(db);
        }

        private async Task SeedGroupScopedAsync(TaxiiDbContext db)
        {
            var ct = TestContext.Current.CancellationToken;
            var owners = new Core.Security.Group { Name = "owners", CreatedAt = DateTimeOffset.UtcNow };
            db.Groups.Add(owners);
            await db.SaveChangesAsync(ct);
            foreach (var permission in Permissions.All)
            {
                var member = await CreateUserAsync(MemberFor(permission), AdminApiFactory.Password);
                db.GroupMemberships.Add(new GroupMembership { GroupId = owners.Id, UserId = member.Id });
                db.Attach(member);
                member.Roles.Add(await db.Roles.SingleAsync(r => r.Name == "only " + permission, ct));
            }

            await db.SaveChangesAsync(ct);
            var admin = new FeedApi(CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password));
            var dataset = (await admin.PostAsync("/api/v1/datasets", $$"""{"name":"owned","groupIds":[{{owners.Id}}]}""", HttpStatusCode.Created)).GetProperty("id").GetInt32();
            GroupScoped["/api/v1/datasets/"] = dataset;
            GroupScoped["/api/v1/outgoing-feeds/"] = (await admin.PostAsync("/api/v1/outgoing-feeds",
                $$"""{"name":"owned out","datasetIds":[{{dataset}}],"groupIds":[{{owners.Id}}],"transport":{"type":"http-download"},"contentType":"csv"}""",
                HttpStatusCode.Created)).GetProperty("id").GetInt32();
            GroupScoped["/api/v1/incoming-feeds/"] = (await admin.PostAsync("/api/v1/incoming-feeds",
                $$"""{"name":"owned in","datasetId":{{dataset}},"groupIds":[{{owners.Id}}],"contentType":"stix-1.2","transport":{"type":"manual-upload"} }""",
                HttpStatusCode.Created)).GetProperty("id").GetInt32();
            var collection = await this.AddCollectionAsync("owned collection");
            db.CollectionAccess.Add(new CollectionAccess { CollectionId = collection.Id, GroupId = owners.Id, CanRead = true, CanWrite = true });
            await db.SaveChangesAsync(ct);
            GroupScoped["/api/v1/collections/"] = collection.Id;
        }
    }

    public static string MemberFor(string permission) => "owner-" + UserFor(permission);

    public static string UserFor(string permission) => permission.Replace(' ', '-');

    [Fact]
    public async Task Every_endpoint_refuses_the_unauthenticated_and_the_unpermitted_and_admits_the_permitted()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(AdminApi.Prefix, StringComparison.Ordinal) == true)
            // the API's own fallback (unknown paths, wrong methods and content types) is no endpoint of its own
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .ToList();
        endpoints.Should().HaveCountGreaterThan(30);

        foreach (var endpoint in endpoints)
        {
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single();
            // ids that do not exist: permission is decided before the resource is looked up, and business rules
            // about particular resources (such as administrators) do not blur the answer
            var path = RouteParameter().Replace(endpoint.RoutePattern.RawText!, "999999");
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            var permission = policies.FirstOrDefault(Permissions.All.Contains);
            var adminOnly = policies.Contains("admin");

            (await SendAsync(app.CreateClient(), method, path)).Should().Be(HttpStatusCode.Unauthorized, $"{method} {path} anonymously");
            var rightful = adminOnly || permission is null ? AdminApiFactory.AdminName : UserFor(permission);
            (await SendAsync(app.CreateClient(rightful, "not the " + AdminApiFactory.Password), method, path))
                .Should().Be(HttpStatusCode.Unauthorized, $"{method} {path} as {rightful} with a wrong password");
            if (permission is null && !adminOnly)
            {
                // the caller's own resources (/me): any authenticated user
                (await SendAsync(app.CreateClient(AdminApiFactory.NobodyName, AdminApiFactory.Password), method, path))
                    .Should().NotBe(HttpStatusCode.Forbidden, $"{method} {path} is for every user");
                continue;
            }

            (await SendAsync(app.CreateClient(AdminApiFactory.NobodyName, AdminApiFactory.Password), method, path))
                .Should().Be(HttpStatusCode.Forbidden, $"{method} {path} without permissions");
            var permitted = adminOnly ? AdminApiFactory.AdminName : UserFor(permission!);
            (await SendAsync(app.CreateClient(permitted, AdminApiFactory.Password), method, path))
                .Should().NotBe(HttpStatusCode.Forbidden, $"{method} {path} as {permitted}").And.NotBe(HttpStatusCode.Unauthorized);
            if (permission is not null)
            {
                var other = Permissions.All.First(p => p != permission);
                (await SendAsync(app.CreateClient(UserFor(other), AdminApiFactory.Password), method, path))
                    .Should().Be(HttpStatusCode.Forbidden, $"{method} {path} with only '{other}'");
            }
        }
    }

    [Fact]
    public async Task Group_scoped_resources_are_hidden_from_holders_of_the_permission_outside_their_groups()
    {
        var checkedEndpoints = 0;
        var outsiders = new List<string>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? string.Empty;
            var scope = app.GroupScoped.Keys.SingleOrDefault(prefix => pattern.StartsWith(prefix + "{", StringComparison.Ordinal));
            var permission = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null && Permissions.All.Contains(p));
            if (scope is null || permission is null)
            {
                continue;
            }

            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single();
            // the resource's id first, any further id one that does not exist
            var id = app.GroupScoped[scope].ToString(System.Globalization.CultureInfo.InvariantCulture);
            var path = RouteParameter().Replace(RouteParameter().Replace(pattern, id, 1), "999999");
            var outsider = app.CreateClient(UserFor(permission), AdminApiFactory.Password);
            var status = await SendAsync(outsider, method, path);
            if (status == HttpStatusCode.UnprocessableEntity)
            {
                // the body is read before the handler runs: endpoints taking a list need one to get that far (an object
                // where a list belongs is a value of the wrong type)
                status = await SendAsync(outsider, method, path, "[]");
            }

            outsiders.Add($"{method} {path}: {(int)status}");
            if (method == "GET" && endpoint.RoutePattern.Parameters.Count == 1)
            {
                (await SendAsync(app.CreateClient(MemberFor(permission), AdminApiFactory.Password), method, path))
                    .Should().Be(HttpStatusCode.OK, $"{method} {path} with '{permission}' as a member of the resource's group");
            }

            checkedEndpoints++;
        }

        checkedEndpoints.Should().BeGreaterThan(10);
        outsiders.Should().OnlyContain(o => o.EndsWith(": 404", StringComparison.Ordinal), "a user outside the group finds nothing");
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string path, string body = "{}")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = AdminApiFactory.Json(body);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex RouteParameter();
}
