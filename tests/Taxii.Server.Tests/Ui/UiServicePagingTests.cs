using System.Globalization;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Persistence;

namespace Taxii.Server.Tests.Ui;

/// <summary><see cref="UiFactory"/> with 30 more services: more than one page of the TAXII view.</summary>
public sealed class UiManyServicesFactory : UiFactory
{
    public const int Extra = 30;

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.Services.AddRange(Enumerable.Range(1, Extra).Select(i =>
            new Service { Path = $"/paged-{i:D2}/", Type = ServiceType.Poll, CreatedAt = now, UpdatedAt = now }));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}

/// <summary>The TAXII view's numbered pages of 25, with more services than one page holds.</summary>
public sealed partial class UiServicePagingTests(UiManyServicesFactory app) : IClassFixture<UiManyServicesFactory>
{
    [Theory]
    [InlineData("path", false)]
    [InlineData("type", true)]
    public async Task Page_two_shows_the_rest_in_the_same_order_and_the_links_lead_back_and_forth(string column, bool descending)
    {
        var direction = descending ? "desc" : "asc";
        var expected = await ServiceOrder.ExpectedAsync(app.Services, column, descending);
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);

        var first = await session.HtmlAsync($"/ui/settings/taxii?sort={column}&dir={direction}");
        var second = await session.HtmlAsync(Link(first, "next")!);
        var back = await session.HtmlAsync(Link(second, "prev")!);

        expected.Count.Should().BeGreaterThan(25).And.BeLessThanOrEqualTo(50, "the test is about exactly two pages");
        RowIds(first).Should().Equal(expected.Take(25));
        RowIds(second).Should().Equal(expected.Skip(25));
        RowIds(back).Should().Equal(expected.Take(25));
        Link(first, "prev").Should().BeNull("the first page has no previous page");
        Link(first, "next").Should().Be($"/ui/settings/taxii?sort={column}&dir={direction}&p=2");
        Link(second, "prev").Should().Be($"/ui/settings/taxii?sort={column}&dir={direction}&p=1");
        Link(second, "next").Should().BeNull("the second page is the last");
        second.Should().Contain("<span>Page 2</span>");
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_and_leads_back()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);

        var past = await session.HtmlAsync("/ui/settings/taxii?sort=path&dir=asc&p=3");

        RowIds(past).Should().BeEmpty();
        past.Should().Contain("id=\"no-services\"");
        Link(past, "prev").Should().Be("/ui/settings/taxii?sort=path&dir=asc&p=2");
        Link(past, "next").Should().BeNull();
    }

    private static string? Link(string html, string rel) =>
        new Regex($"<a href=\"([^\"]+)\" rel=\"{rel}\">").Match(html) is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static List<int> RowIds(string html) =>
        [.. RowId().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex("<tr class=\"clickable\" data-href=\"[^\"]+\" data-id=\"(\\d+)\"")]
    private static partial Regex RowId();
}
