using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Taxii.Testing;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// Failed basic-auth and token attempts, counted per user and client address and per address, over real HTTP from
/// distinct loopback addresses: refused with 429 (API) or an UNAUTHORIZED Status_Message (TAXII) until the window
/// ends, without locking out the same user elsewhere. Each test uses its own addresses and users.
/// </summary>
public sealed class BruteForceTests(BruteForceTests.Factory app) : IClassFixture<BruteForceTests.Factory>
{
    public const string Password = "brute force password";
    private const int PerUser = 3;
    private const int PerAddress = 8;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Factory : TaxiiAppFactory
    {
        public ShiftedClock Clock { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Auth:MaxFailedLoginsPerUser"] = PerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Taxii:Auth:MaxFailedLoginsPerAddress"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Taxii:Auth:FailedLoginWindow"] = Window.ToString(),
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        }

        protected override async Task SeedAsync()
        {
            foreach (var name in new[] { "alice", "bob", "carol", "dave", "erin", "frank" })
            {
                await CreateUserAsync(name, Password);
            }
        }
    }

    [Fact]
    public async Task Api_refuses_a_user_after_its_failures_even_with_the_right_password_until_the_window_ends()
    {
        for (var i = 0; i < PerUser; i++)
        {
            (await MeAsync("127.0.0.11", "alice", "guess " + i)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using (var blocked = await MeAsync("127.0.0.11", "alice", Password))
        {
            blocked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the right password is not even checked while blocked");
            blocked.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            var seconds = int.Parse(blocked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
            seconds.Should().BeInRange(1, (int)Window.TotalSeconds);
            var problem = await blocked.Content.ReadFromJsonAsync<JsonElement>(Ct);
            problem.GetProperty("status").GetInt32().Should().Be(429);
            problem.GetProperty("detail").GetString().Should().Be($"Too many failed login attempts: retry after {seconds} seconds.");
            blocked.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        }

        (await MeAsync("127.0.0.12", "alice", Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the same user from another address is not locked out");
        (await MeAsync("127.0.0.11", "bob", Password)).StatusCode.Should().Be(HttpStatusCode.OK, "another user from that address is not blocked");
        (await MeAsync("127.0.0.11", "alice", Password)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "still blocked");

        app.Clock.Advance(Window + TimeSpan.FromSeconds(1));
        (await MeAsync("127.0.0.11", "alice", Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the window ended");
    }

    [Theory]
    [InlineData(TaxiiVersion.V11, "127.0.0.21")]
    [InlineData(TaxiiVersion.V10, "127.0.0.22")]
    public async Task Taxii_answers_a_blocked_user_UNAUTHORIZED_saying_when_to_retry(TaxiiVersion version, string source)
    {
        for (var i = 0; i < PerUser; i++)
        {
            var wrong = () => AccessClients.TaxiiFrom(app, source, version, "carol", "guess " + i).DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct);
            (await wrong.Should().ThrowAsync<TaxiiStatusException>()).Which.Reply!.Message.Should().Be("The credentials were not accepted.");
        }

        var right = () => AccessClients.TaxiiFrom(app, source, version, "carol", Password).DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct);
        var refused = (await right.Should().ThrowAsync<TaxiiStatusException>()).Which;
        refused.Status.Should().Be(StatusType.Unauthorized);
        refused.HttpStatusCode.Should().Be(HttpStatusCode.OK, "TAXII errors are Status_Messages with HTTP 200");
        refused.Reply!.Message.Should().MatchRegex("^Too many failed login attempts: retry after [0-9]+ seconds\\.$");

        using var raw = await AccessClients.From(app, source).SendAsync(
            AccessClients.Discovery("/taxii-discovery-service/", version, AccessClients.Basic("carol", Password)), Ct);
        raw.StatusCode.Should().Be(HttpStatusCode.OK);
        raw.Headers.Contains("Retry-After").Should().BeTrue();

        (await AccessClients.TaxiiFrom(app, "127.0.0.23", version, "carol", Password).DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct))
            .ServiceInstances.Should().NotBeEmpty("carol from another address is unaffected");
    }

    [Fact]
    public async Task Failures_under_many_names_and_tokens_block_the_address_for_everyone_from_it()
    {
        var token = await CreateTokenAsync("frank");
        for (var i = 0; i < PerAddress - 2; i++)
        {
            (await MeAsync("127.0.0.31", $"no-such-user-{i}", "guess")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        for (var i = 0; i < 2; i++)
        {
            (await BearerAsync("127.0.0.31", "taxii_not-a-real-token-" + i)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await MeAsync("127.0.0.31", "dave", Password)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a fresh name from a blocked address");
        (await BearerAsync("127.0.0.31", token)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a valid token from a blocked address");
        var taxii = () => AccessClients.TaxiiFrom(app, "127.0.0.31", TaxiiVersion.V11, "dave", Password).DiscoverAsync(app.Address("/taxii-discovery-service/"), Ct);
        (await taxii.Should().ThrowAsync<TaxiiStatusException>()).Which.Reply!.Message.Should().StartWith("Too many failed login attempts");

        (await MeAsync("127.0.0.32", "dave", Password)).StatusCode.Should().Be(HttpStatusCode.OK, "another address is unaffected");
        (await BearerAsync("127.0.0.32", token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_spoofed_X_Forwarded_For_does_not_evade_the_limit()
    {
        for (var i = 0; i < PerUser; i++)
        {
            (await MeAsync("127.0.0.41", "erin", "guess " + i, forwardedFor: $"198.51.100.{i}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await MeAsync("127.0.0.41", "erin", Password, forwardedFor: "203.0.113.77")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    private Task<HttpResponseMessage> MeAsync(string source, string user, string password, string? forwardedFor = null) =>
        SendAsync(source, AccessClients.Basic(user, password), forwardedFor);

    private Task<HttpResponseMessage> BearerAsync(string source, string token) =>
        SendAsync(source, new AuthenticationHeaderValue("Bearer", token), null);

    private async Task<HttpResponseMessage> SendAsync(string source, AuthenticationHeaderValue authorization, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me") { Headers = { Authorization = authorization } };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await AccessClients.From(app, source).SendAsync(request, Ct);
    }

    private async Task<string> CreateTokenAsync(string user)
    {
        using var created = await AccessClients.From(app, "127.0.0.30", user, Password).PostAsJsonAsync("/api/v1/me/tokens", new { name = "script" }, Ct);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
    }
}
