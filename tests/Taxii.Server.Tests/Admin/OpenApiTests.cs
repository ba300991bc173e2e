using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Server.Admin;

namespace Taxii.Server.Tests.Admin;

public sealed class OpenApiTests(AdminApiFactory app) : IClassFixture<AdminApiFactory>
{
    [Fact]
    public async Task The_document_lists_every_api_endpoint_with_both_auth_schemes()
    {
        var json = await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(json);
        var paths = document.RootElement.GetProperty("paths");

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(AdminApi.Prefix, StringComparison.Ordinal) == true)
            // the API's own fallback (unknown paths, wrong methods and content types) is no endpoint of its own
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (Path: Normalize(e.RoutePattern.RawText!), Method: m.ToLowerInvariant())))
            .ToList();

        endpoints.Should().HaveCountGreaterThan(20);
        foreach (var (path, method) in endpoints)
        {
            paths.TryGetProperty(path, out var item).Should().BeTrue($"{path} is an endpoint");
            item.TryGetProperty(method, out _).Should().BeTrue($"{method.ToUpperInvariant()} {path} is an endpoint");
        }

        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("basic").GetProperty("scheme").GetString().Should().Be("basic");
        schemes.GetProperty("bearer").GetProperty("scheme").GetString().Should().Be("bearer");
    }

    [Fact]
    public async Task Create_bodies_have_examples_and_operations_describe_their_problems()
    {
        var json = await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(json);
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        foreach (var request in new[] { "CreateUserRequest", "GroupRequest", "RoleRequest", "DatasetRequest", "EntityRequest", "CollectionRequest", "ServiceRequest", "PushCredentialRequest", "CreateTokenRequest", "ChangePasswordRequest", "AddCertificateRequest", "IncomingFeedRequest", "OutgoingFeedRequest" })
        {
            var schema = schemas.GetProperty(request);
            schema.TryGetProperty("example", out var example).Should().BeTrue($"{request} has an example");
            var properties = schema.GetProperty("properties");
            foreach (var field in example.EnumerateObject())
            {
                properties.TryGetProperty(field.Name, out _).Should().BeTrue($"{request}'s example field {field.Name} is a field of the request");
            }
        }

        var sources = schemas.GetProperty("OutgoingFeedRequest").GetProperty("example");
        sources.EnumerateObject().Select(p => p.Name).Should().Contain(["datasetIds", "incomingFeedIds", "sourceGroupIds"], "the example shows every kind of source");

        var create = document.RootElement.GetProperty("paths").GetProperty("/api/v1/users").GetProperty("post").GetProperty("responses");
        foreach (var code in new[] { "401", "403", "409", "413", "422" })
        {
            create.TryGetProperty(code, out _).Should().BeTrue($"POST /api/v1/users documents {code}");
        }

        document.RootElement.GetProperty("paths").GetProperty("/api/v1/users/{id}").GetProperty("get").GetProperty("responses")
            .TryGetProperty("404", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Swagger_ui_is_served()
    {
        var html = await app.CreateClient().GetStringAsync("/swagger/index.html", TestContext.Current.CancellationToken);

        html.Should().Contain("swagger-ui");
    }

    // route constraints ({id:int}) are not part of OpenAPI paths, and a group's "/" adds a trailing slash
    private static string Normalize(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, ":[a-z]+}", "}").TrimEnd('/');
}
