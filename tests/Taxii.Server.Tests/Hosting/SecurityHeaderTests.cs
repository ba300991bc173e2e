using FluentAssertions;
using Taxii.Server.Tests.Admin;

namespace Taxii.Server.Tests.Hosting;

/// <summary>Browser-facing protections on every answer: API, TAXII, errors and the Swagger UI.</summary>
public sealed class SecurityHeaderTests(AdminApiFactory app) : IClassFixture<AdminApiFactory>
{
    [Theory]
    [InlineData("/api/v1/me", true)]
    [InlineData("/api/v1/no-such-resource", true)]
    [InlineData("/taxii-discovery-service/", false)]
    [InlineData("/health/live", false)]
    public async Task Data_answers_forbid_sniffing_framing_caching_and_any_content(string path, bool authenticated)
    {
        var client = authenticated ? app.Admin() : app.CreateClient();
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("default-src 'none'");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task The_swagger_ui_may_load_its_own_scripts_only()
    {
        using var response = await app.CreateClient().GetAsync("/swagger/index.html", TestContext.Current.CancellationToken);

        response.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("default-src 'self'").And.Contain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }
}
