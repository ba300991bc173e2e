using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Npgsql;
using Taxii.Core.Security;
using Taxii.Protocol.Messages;
using Taxii.Server.Admin.Tokens;
using Taxii.Server.Tests.Admin;
using Taxii.Testing;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// Authenticated requests reuse what is known of their caller (user, permissions, token, no failed logins) and of what
/// it may reach (a service's collections and their poll and inbox services) without a database round trip, and a change to access applies to the next request: through this host's API at once, through
/// any other writer by the database's notification. Commands are seen through Npgsql's activity source, filtered to
/// this host's database.
/// </summary>
public sealed class CallerCacheTests(CallerCacheTests.Factory app) : IClassFixture<CallerCacheTests.Factory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A lifetime far longer than any test: what a test sees change, a notification or the API changed.</summary>
    public sealed class Factory : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Auth:CallerCacheLifetime"] = "00:05:00",
        };

        protected override async Task SeedAsync()
        {
            await CreateUserAsync(AdminApiFactory.AdminName, AdminApiFactory.Password, admin: true);
            foreach (var name in new[] { "cached", "granted", "deactivated", "tokened" })
            {
                await CreateUserAsync(name, AdminApiFactory.Password);
            }
        }
    }

    [Fact]
    public async Task Authenticated_requests_after_the_first_ask_the_database_nothing()
    {
        var basic = app.CreateClient("cached", AdminApiFactory.Password);
        (await basic.GetAsync("/api/v1/me", Ct)).EnsureSuccessStatusCode();
        var token = await CreateTokenAsync("cached");
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await bearer.GetAsync("/api/v1/me", Ct)).EnsureSuccessStatusCode();
        var management = app.CreateTaxiiClient(TaxiiVersion.V11, AdminApiFactory.AdminName, AdminApiFactory.Password);

        async Task<IReadOnlyCollection<string>> RoundsAsync(int rounds)
        {
            using var commands = new DatabaseCommands(app.ConnectionString);
            for (var i = 0; i < rounds; i++)
            {
                (await basic.GetAsync("/api/v1/me", Ct)).EnsureSuccessStatusCode();
                (await bearer.GetAsync("/api/v1/me", Ct)).EnsureSuccessStatusCode();
                (await DiscoverAsync("cached")).Should().Contain("Discovery_Response");
                (await management.GetCollectionInformationAsync(app.Address("/taxii-collection-management-service/"), Ct)).Collections
                    .Should().Contain(c => c.Name == "default");
            }

            return [.. commands.Seen];
        }

        // a host that has just started drops its caches once more when its notification connection is made
        for (var settle = 0; settle < 20 && (await RoundsAsync(1)).Count > 0; settle++)
        {
            await Task.Delay(100, Ct);
        }

        (await RoundsAsync(10)).Should().BeEmpty("40 authenticated requests by known callers (collection information included) need no database round trip");
    }

    [Fact]
    public async Task A_role_granted_or_revoked_through_the_api_applies_to_the_next_request()
    {
        var me = app.CreateClient("granted", AdminApiFactory.Password);
        (await me.GetFromJsonAsync<MeDto>("/api/v1/me", Ct))!.Permissions.Should().BeEmpty();
        var admin = app.CreateClient(AdminApiFactory.AdminName, AdminApiFactory.Password);
        using var role = await admin.PostAsJsonAsync("/api/v1/roles", new { name = "cache readers", permissions = new[] { Permissions.ReadUsers } }, Ct);
        var roleId = (await role.Content.ReadFromJsonAsync<AdminApiFactory.IdOnly>(Ct))!.Id;
        var userId = await UserIdAsync("granted");

        (await admin.PutAsync($"/api/v1/users/{userId}/roles/{roleId}", null, Ct)).EnsureSuccessStatusCode();
        (await me.GetFromJsonAsync<MeDto>("/api/v1/me", Ct))!.Permissions.Should().Equal(Permissions.ReadUsers);
        (await me.GetAsync("/api/v1/users", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await admin.DeleteAsync($"/api/v1/users/{userId}/roles/{roleId}", Ct)).EnsureSuccessStatusCode();
        (await me.GetFromJsonAsync<MeDto>("/api/v1/me", Ct))!.Permissions.Should().BeEmpty();
        (await me.GetAsync("/api/v1/users", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_change_by_another_writer_reaches_the_cache_through_the_database_notification()
    {
        // creating the token is a change of access: everything is cached after it
        var token = await CreateTokenAsync("tokened");
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await bearer.GetAsync("/api/v1/me", Ct)).EnsureSuccessStatusCode();
        var basic = app.CreateClient("deactivated", AdminApiFactory.Password);
        (await basic.GetAsync("/api/v1/me", Ct)).EnsureSuccessStatusCode();
        (await app.CreateClient("newcomer", AdminApiFactory.Password).GetAsync("/api/v1/me", Ct)).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "no such user yet (and that is remembered too)");

        // plain SQL on a connection of its own, as another host or the command line would write
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand("""
                UPDATE users SET is_active = false WHERE name = 'deactivated';
                UPDATE api_tokens SET revoked_at = now() WHERE user_id = (SELECT id FROM users WHERE name = 'tokened');
                INSERT INTO users (name, is_active, is_admin, password_hash, created_at, updated_at)
                    SELECT 'newcomer', true, false, password_hash, now(), now() FROM users WHERE name = 'cached';
                """, connection);
            await command.ExecuteNonQueryAsync(Ct);
        }

        // well within the five-minute lifetime: only the notification can have told the host
        (await EventuallyAsync(basic, HttpStatusCode.Unauthorized)).Should().BeTrue("the deactivation was notified");
        (await EventuallyAsync(bearer, HttpStatusCode.Unauthorized)).Should().BeTrue("the revocation was notified");
        (await EventuallyAsync(app.CreateClient("newcomer", AdminApiFactory.Password), HttpStatusCode.OK)).Should().BeTrue("the new user was notified");
    }

    private static async Task<bool> EventuallyAsync(HttpClient client, HttpStatusCode expected)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            using var response = await client.GetAsync("/api/v1/me", Ct);
            if (response.StatusCode == expected)
            {
                return true;
            }

            await Task.Delay(50, Ct);
        }

        return false;
    }

    private async Task<string> CreateTokenAsync(string user)
    {
        using var created = await app.CreateClient(user, AdminApiFactory.Password).PostAsJsonAsync("/api/v1/me/tokens", new { name = "cache test" }, Ct);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<CreatedTokenDto>(Ct))!.Token;
    }

    private async Task<int> UserIdAsync(string name) =>
        (await app.CreateClient(name, AdminApiFactory.Password).GetFromJsonAsync<MeDto>("/api/v1/me", Ct))!.Id;

    private async Task<string> DiscoverAsync(string user)
    {
        using var response = await app.CreateClient().SendAsync(
            AccessClients.Discovery("/taxii-discovery-service/", TaxiiVersion.V11, AccessClients.Basic(user, AdminApiFactory.Password)), Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
