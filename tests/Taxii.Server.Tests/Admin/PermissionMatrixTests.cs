using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Testing;

namespace Taxii.Server.Tests.Admin;

/// <summary>
/// Every API endpoint × anonymous / a user without permissions / a user holding exactly the endpoint's permission:
/// 401, 403, and neither 401 nor 403. Endpoints are read from the running host, so a new one is covered at once.
/// </summary>
public sealed partial class PermissionMatrixTests(PermissionMatrixTests.Factory app) : IClassFixture<PermissionMatrixTests.Factory>
{
    public sealed class Factory : TaxiiAppFactory
    {
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
        }
    }

    public static string UserFor(string permission) => permission.Replace(' ', '-');

    [Fact]
    public async Task Every_endpoint_refuses_the_unauthenticated_and_the_unpermitted_and_admits_the_permitted()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(AdminApi.Prefix, StringComparison.Ordinal) == true)
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

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = AdminApiFactory.Json("{}");
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex RouteParameter();
}
