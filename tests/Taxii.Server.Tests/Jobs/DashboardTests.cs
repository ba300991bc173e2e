using System.Net;
using FluentAssertions;
using Taxii.Testing;

namespace Taxii.Server.Tests.Jobs;

public sealed class DashboardTests(DashboardTests.UsersFactory app) : IClassFixture<DashboardTests.UsersFactory>
{
    private const string Password = "correct horse battery staple";

    public sealed class UsersFactory : TaxiiAppFactory
    {
        protected override async Task SeedAsync()
        {
            await CreateUserAsync("dash-admin", Password, admin: true);
            await CreateUserAsync("dash-analyst", Password, admin: false);
        }
    }

    [Fact]
    public async Task Anonymous_request_is_challenged_for_basic_credentials()
    {
        var response = await app.CreateClient().GetAsync("/hangfire", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Basic");
    }

    [Theory]
    [InlineData("dash-admin", "wrong password")]
    [InlineData("nobody", Password)]
    public async Task Wrong_credentials_are_refused_alike(string user, string password)
    {
        var response = await app.CreateClient(user, password).GetAsync("/hangfire", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authenticated_user_who_is_not_an_admin_is_forbidden()
    {
        var response = await app.CreateClient("dash-analyst", Password).GetAsync("/hangfire", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admin_sees_the_dashboard()
    {
        var response = await app.CreateClient("dash-admin", Password).GetAsync("/hangfire", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("Taxii jobs");
    }

    [Fact]
    public async Task Dashboard_api_is_refused_without_admin_credentials()
    {
        var response = await app.CreateClient().GetAsync("/hangfire/stats", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
