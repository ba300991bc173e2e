using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Persistence;
using Taxii.Protocol.Messages;
using Taxii.Testing;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// A failed login says nothing about the user name: an unknown user, a wrong password and an inactive user get the
/// same answer (status, headers, body) on the API and on TAXII services, and take about the same time, because
/// each pays one password hash.
/// </summary>
public sealed partial class AccessEnumerationTests(AccessEnumerationTests.Factory app) : IClassFixture<AccessEnumerationTests.Factory>
{
    private const string Password = "enumeration password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Factory : TaxiiAppFactory
    {
        // the timing test sends many failures from one address; the limits are not what it is about
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Taxii:Auth:MaxFailedLoginsPerUser"] = "10000",
            ["Taxii:Auth:MaxFailedLoginsPerAddress"] = "1000000",
        };

        protected override async Task SeedAsync()
        {
            await CreateUserAsync("active", Password);
            var inactive = await CreateUserAsync("inactive", Password);
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Users.Where(u => u.Id == inactive.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Unknown user, wrong password, inactive user (with its right password).</summary>
    private static readonly (string User, string Password)[] Failures = [("nobody-by-this-name", Password), ("active", "wrong password"), ("inactive", Password)];

    [Theory]
    [InlineData("/api/v1/me")]
    [InlineData("/api/v1/users")]
    public async Task Api_answers_every_failed_login_alike(string path)
    {
        var answers = new List<string>();
        foreach (var (user, password) in Failures)
        {
            using var response = await app.CreateClient(user, password).GetAsync(path, Ct);
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            answers.Add(await DescribeAsync(response));
        }

        answers.Distinct().Should().ContainSingle($"the answers were:\n{string.Join("\n---\n", answers)}");
    }

    [Theory]
    [InlineData("/taxii-discovery-service/", TaxiiVersion.V11)]
    [InlineData("/taxii-discovery-service/", TaxiiVersion.V10)]
    [InlineData("/taxii-collection-management-service/", TaxiiVersion.V11)]
    public async Task Taxii_answers_every_failed_login_alike(string path, TaxiiVersion version)
    {
        var answers = new List<string>();
        foreach (var (user, password) in Failures)
        {
            using var response = await app.CreateClient().SendAsync(AccessClients.Discovery(path, version, AccessClients.Basic(user, password)), Ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var described = await DescribeAsync(response);
            described.Should().Contain("status_type=\"UNAUTHORIZED\"");
            answers.Add(described);
        }

        answers.Distinct().Should().ContainSingle($"the answers were:\n{string.Join("\n---\n", answers)}");
    }

    [Fact]
    public async Task Unknown_and_inactive_users_take_as_long_as_a_wrong_password()
    {
        // interleaved rounds share whatever load the machine has; medians ignore the odd stall
        var times = Failures.ToDictionary(f => f.User, _ => new List<double>());
        var cached = new List<double>();
        var right = app.CreateClient("active", Password);
        (await right.GetAsync("/api/v1/me", Ct)).EnsureSuccessStatusCode();
        var clients = Failures.ToDictionary(f => f.User, f => app.CreateClient(f.User, f.Password));
        for (var round = 0; round < 11; round++)
        {
            foreach (var (user, _) in Failures)
            {
                times[user].Add(await TimeAsync(clients[user], HttpStatusCode.Unauthorized));
            }

            cached.Add(await TimeAsync(right, HttpStatusCode.OK));
        }

        var wrongPassword = Median(times["active"]);
        var report = string.Join(", ", times.Select(t => $"{t.Key}: {Median(t.Value):F1} ms")) + $", remembered login: {Median(cached):F1} ms";
        wrongPassword.Should().BeGreaterThan(3 * Median(cached), "a password hash costs far more than a request without one ({0})", report);
        foreach (var user in new[] { "nobody-by-this-name", "inactive" })
        {
            Median(times[user]).Should().BeInRange(wrongPassword / 3, wrongPassword * 3, "{0} pays a password hash too ({1})", user, report);
        }
    }

    private static async Task<double> TimeAsync(HttpClient client, HttpStatusCode expected)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync("/api/v1/me", Ct);
        watch.Stop();
        response.StatusCode.Should().Be(expected);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>Status, every header but Date, and the body with the server's own message id blanked.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}");
        var body = MessageId().Replace(await response.Content.ReadAsStringAsync(Ct), "message_id=\"*\"");
        body = TraceId().Replace(body, "\"traceId\":\"*\"");
        return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n{body}";
    }

    [GeneratedRegex("message_id=\"[^\"]*\"")]
    private static partial Regex MessageId();

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();
}
