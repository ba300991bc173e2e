using System.Net;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Taxii.Server.Admin;
using Taxii.Testing;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// Every query parameter of every REST GET endpoint (read from the running host's API description, so a new one is
/// covered at once) given SQL injection, LIKE wildcards, NUL bytes, broken UTF-8, over-long values and bad numbers,
/// dates and cursors, as an administrator: never a server error; a result or a problem naming the parameter; the
/// tables intact afterwards.
/// </summary>
public sealed partial class RestInputTests(RestInputTests.Factory app) : IClassFixture<RestInputTests.Factory>
{
    private const string Password = "rest-input-password-1";

    public sealed class Factory : TaxiiAppFactory
    {
        protected override async Task SeedAsync()
        {
            await CreateUserAsync("rest-admin", Password, admin: true);
            await CreateUserAsync("alpha", Password);
            await CreateUserAsync("beta", Password);
        }
    }

    // already URL-encoded: some cannot be encoded from a .NET string (a lone surrogate, invalid UTF-8)
    private static readonly string[] Values =
    [
        Uri.EscapeDataString("' OR '1'='1"), Uri.EscapeDataString("'; DROP TABLE users; --"), Uri.EscapeDataString("1; DROP TABLE users"),
        "%25", "_", "%5C", "%25%25", "a%00b", "%00", "%ED%A0%80", "%C0%80", "%FF", Uri.EscapeDataString("\"\\u0000"),
        new string('x', 4000), "-1", "0", "99999999999999999999", "2147483648", "1e5", "abc", "NaN", "",
        "2026-13-45T25:61:00Z", "0001-01-01", "9999-12-31T23:59:59Z", Uri.EscapeDataString("2026-01-01T00:00:00+25:00"),
        "true%27", "null", "%7B%7D", "%5B%5D",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hostile_query_values_on_every_REST_filter_never_cause_a_server_error()
    {
        var endpoints = app.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .Where(d => d.HttpMethod == "GET" && d.RelativePath?.StartsWith(AdminApi.Prefix.TrimStart('/'), StringComparison.Ordinal) == true)
            .Select(d => (Path: "/" + RouteParameter().Replace(d.RelativePath!, "1"),
                Query: d.ParameterDescriptions.Where(p => p.Source == BindingSource.Query).Select(p => p.Name).ToList()))
            .Where(e => e.Query.Count > 0)
            .ToList();
        endpoints.Should().HaveCountGreaterThan(5);
        using var http = app.CreateClient("rest-admin", Password);
        var failures = new List<string>();

        foreach (var (path, parameters) in endpoints)
        {
            foreach (var parameter in parameters)
            {
                foreach (var value in Values)
                {
                    var url = $"{path}?{parameter}={value}";
                    using var response = await http.GetAsync(url, Ct);
                    var body = await response.Content.ReadAsStringAsync(Ct);
                    var problem = Check(response, body, parameter);
                    if (problem is not null)
                    {
                        failures.Add($"GET {url[..Math.Min(url.Length, 200)]}: {problem}");
                    }
                }
            }
        }

        failures.Should().BeEmpty();
        app.Logs.Errors().Should().BeEmpty();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM users", connection);
        ((long)(await count.ExecuteScalarAsync(Ct))!).Should().Be(3, "the users table is intact");
    }

    [Theory]
    [InlineData("%25")]
    [InlineData("_")]
    [InlineData("%5C")]
    [InlineData("%25%25")]
    [InlineData("a%25")]
    public async Task LIKE_wildcards_in_a_name_filter_match_only_themselves(string value)
    {
        using var http = app.CreateClient("rest-admin", Password);
        using var response = await http.GetAsync($"{AdminApi.Prefix}/users?name={value}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        page.RootElement.GetProperty("items").GetArrayLength().Should().Be(0, "no user name contains {0}", Uri.UnescapeDataString(value));
    }

    [Fact]
    public async Task An_over_long_URL_is_refused_cleanly()
    {
        using var http = app.CreateClient("rest-admin", Password);
        using var response = await http.GetAsync($"{AdminApi.Prefix}/users?name={new string('x', 100_000)}", Ct);

        ((int)response.StatusCode).Should().BeOneOf(400, 414, 431);
    }

    private static string? Check(HttpResponseMessage response, string body, string parameter)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"HTTP {status}: {body}";
        }

        if (status is 200 or 404)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"HTTP {status} without problem details: {body}";
        }

        return status is 400 or 422 && !body.Contains($"\"{parameter}\"", StringComparison.OrdinalIgnoreCase)
            ? $"HTTP {status} does not name the parameter '{parameter}': {body}"
            : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("\\{[^}]+\\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();
}
