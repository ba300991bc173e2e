using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Audit;
using Taxii.Persistence;

namespace Taxii.Server.Tests.Ui;

/// <summary>The audit log page over real HTTP: administrators only (as <c>GET /api/v1/audit</c>), newest first, the resource and after filters, paged by 50.</summary>
public sealed class AuditPageTests(AccessFactory app) : IClassFixture<AccessFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Administrators_see_the_log_newest_first_filtered_by_resource_and_paged_by_50()
    {
        var prefix = "ui-audit-" + Guid.NewGuid().ToString("N")[..6];
        long firstId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var entries = Enumerable.Range(0, 55).Select(i => new AuditEntry
            {
                At = DateTimeOffset.UtcNow,
                UserName = "someone",
                Action = "update",
                Resource = $"{prefix}/{i:D2}",
                Details = $"step {i}",
            }).ToList();
            db.AuditLog.AddRange(entries);
            await db.SaveChangesAsync(Ct);
            firstId = entries.Min(e => e.Id);
        }

        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);

        var home = await session.HtmlAsync("/ui");
        var first = await session.HtmlAsync($"/ui/access/audit?resource={prefix}/");
        var next = WebUtility.HtmlDecode(Regex.Match(first, "href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value);
        var second = await session.HtmlAsync(next);
        var after = await session.HtmlAsync($"/ui/access/audit?resource={prefix}/&after={firstId + 52}");
        var all = await session.HtmlAsync("/ui/access/audit");

        home.Should().Contain("href=\"/ui/access/audit\"");
        Resources(first).Should().HaveCount(50).And.BeInDescendingOrder().And.OnlyContain(r => r.StartsWith(prefix + "/", StringComparison.Ordinal));
        Resources(first)[0].Should().Be($"{prefix}/54", "newest first");
        next.Should().Contain($"resource={prefix}").And.Contain("before=", "the next page keeps the filter");
        Resources(second).Should().Equal($"{prefix}/04", $"{prefix}/03", $"{prefix}/02", $"{prefix}/01", $"{prefix}/00");
        second.Should().Contain("rel=\"first\"").And.NotContain("rel=\"next\"");
        Resources(after).Should().Equal($"{prefix}/54", $"{prefix}/53");
        all.Should().Contain("data-column=\"action\">sign-in<", "the admin's own sign-in is there, unfiltered");
    }

    [Fact]
    public async Task A_user_manager_who_is_no_administrator_sees_no_audit_log()
    {
        using var session = app.Session();
        await session.SignInOkAsync(AccessFactory.ManagerName);

        var home = await session.HtmlAsync("/ui");

        home.Should().Contain("href=\"/ui/access/users\"").And.NotContain("/ui/access/audit");
        await session.HtmlAsync("/ui/access/audit", HttpStatusCode.Forbidden);
        using var api = app.CreateClient(AccessFactory.ManagerName, UiFactory.Password);
        (await api.GetAsync("/api/v1/audit", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the same rule as the REST API");
    }

    private static List<string> Resources(string html) =>
        Regex.Matches(html, "data-column=\"resource\"><code>([^<]*)</code>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
}
