using System.Net;
using FluentAssertions;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Taxii.Testing;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// Two hosts on one database count failed logins together: a client cannot multiply its guesses by the number of hosts
/// behind a load balancer. Over real HTTP from distinct loopback addresses, like BruteForceTests.
/// </summary>
public sealed class SharedFailedLoginTests(SharedFailedLoginTests.Factory first) : IClassFixture<SharedFailedLoginTests.Factory>
{
    private const string Password = "shared count password";
    private const int PerUser = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Limits => new()
    {
        ["Taxii:Auth:MaxFailedLoginsPerUser"] = PerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Taxii:Auth:MaxFailedLoginsPerAddress"] = "1000",
    };

    public sealed class Factory : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => Limits;

        protected override async Task SeedAsync()
        {
            foreach (var name in new[] { "heidi", "ivan", "judy" })
            {
                await CreateUserAsync(name, Password);
            }
        }
    }

    /// <summary>A second host, with its own process state, on the first one's database.</summary>
    private sealed class SecondHost(TaxiiAppFactory first) : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => Limits;

        protected override bool OwnsDatabase => false;

        protected override Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) => Task.FromResult(first.ConnectionString);
    }

    [Fact]
    public async Task Failures_on_one_host_block_the_user_on_another_host_of_the_same_database()
    {
        await using var second = new SecondHost(first);
        await second.InitializeAsync();
        for (var i = 0; i < PerUser; i++)
        {
            (await MeAsync(first, "127.0.0.61", "heidi", "guess " + i)).Should().Be(HttpStatusCode.Unauthorized);
        }

        (await MeAsync(second, "127.0.0.61", "heidi", Password)).Should().Be(HttpStatusCode.TooManyRequests,
            "the other host counted the failures, and this one refuses the right password unchecked");
        var taxii = () => AccessClients.TaxiiFrom(second, "127.0.0.61", TaxiiVersion.V11, "heidi", Password)
            .DiscoverAsync(second.Address("/taxii-discovery-service/"), Ct);
        (await taxii.Should().ThrowAsync<TaxiiStatusException>()).Which.Reply!.Message.Should().StartWith("Too many failed login attempts");
        (await MeAsync(second, "127.0.0.62", "heidi", Password)).Should().Be(HttpStatusCode.OK, "the same user from another address is not blocked");
    }

    [Fact]
    public async Task Failures_spread_over_two_hosts_add_up()
    {
        await using var second = new SecondHost(first);
        await second.InitializeAsync();
        for (var i = 0; i < PerUser; i++)
        {
            (await MeAsync(i % 2 == 0 ? first : second, "127.0.0.63", "ivan", "guess " + i)).Should().Be(HttpStatusCode.Unauthorized);
        }

        (await MeAsync(first, "127.0.0.63", "ivan", Password)).Should().Be(HttpStatusCode.TooManyRequests);
        (await MeAsync(second, "127.0.0.63", "ivan", Password)).Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_success_on_one_host_clears_the_user_s_failures_on_the_other()
    {
        await using var second = new SecondHost(first);
        await second.InitializeAsync();
        for (var i = 0; i < PerUser - 1; i++)
        {
            (await MeAsync(first, "127.0.0.64", "judy", "guess " + i)).Should().Be(HttpStatusCode.Unauthorized);
        }

        (await MeAsync(second, "127.0.0.64", "judy", Password)).Should().Be(HttpStatusCode.OK);
        (await MeAsync(first, "127.0.0.64", "judy", "one more guess")).Should().Be(HttpStatusCode.Unauthorized);
        (await MeAsync(first, "127.0.0.64", "judy", Password)).Should().Be(HttpStatusCode.OK,
            "the success cleared the earlier failures, so one more is not over the limit");
    }

    private static async Task<HttpStatusCode> MeAsync(TaxiiAppFactory host, string source, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me") { Headers = { Authorization = AccessClients.Basic(user, password) } };
        using var response = await AccessClients.From(host, source).SendAsync(request, Ct);
        return response.StatusCode;
    }
}
