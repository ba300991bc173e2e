using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Persistence;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// The TAXII settings after the shared list and form helpers: the collection list's name filter (kept by the sort and
/// page links), deleting a collection, and the API's own message for an empty service path or collection name.
/// </summary>
public sealed partial class SettingsListTests(UiFactory app) : IClassFixture<UiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_collection_filter_keeps_to_names_containing_it_across_sorting_and_pages()
    {
        var matching = await AddCollectionsAsync("urn:filter:kept-", 27);
        var other = (await AddCollectionsAsync("urn:filter:other-", 1))[0];
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);

        var first = await session.HtmlAsync("/ui/settings/collections?name=kept-");
        var descending = await session.HtmlAsync(Link(first, "name", "Name"));
        var second = await session.HtmlAsync(Next(descending));

        first.Should().Contain("<input type=\"search\" id=\"name-filter\" name=\"name\" value=\"kept-\" />")
            .And.Contain("<label for=\"name-filter\">Name contains</label>");
        RowIds(first).Should().HaveCount(25).And.BeSubsetOf(matching);
        Link(first, "name", "Name").Should().Be("/ui/settings/collections?sort=name&dir=desc&name=kept-");
        RowIds(descending).Should().Equal(matching.AsEnumerable().Reverse().Take(25), "names descending, the filter kept by the header link");
        Next(descending).Should().Be("/ui/settings/collections?sort=name&dir=desc&p=2&name=kept-");
        RowIds(second).Should().Equal(matching.Take(2).Reverse(), "the page link keeps the filter and the order");
        second.Should().Contain("href=\"/ui/settings/collections?sort=name&amp;dir=desc&amp;p=1&amp;name=kept-\" rel=\"prev\"");
        RowIds(first).Concat(RowIds(second)).Should().NotContain(other);
        WebUtility.HtmlDecode(await session.HtmlAsync("/ui/settings/collections?name=no-such-name")).Should()
            .Contain("No collection shared with your groups has a name containing “no-such-name”.");
        RowIds(await session.HtmlAsync("/ui/settings/collections?sort=name&dir=desc")).Should().StartWith([other], "without a filter every collection is listed");
    }

    [Fact]
    public async Task An_administrator_deletes_a_collection_after_confirming_and_the_api_no_longer_has_it()
    {
        var id = (await AddCollectionsAsync("urn:delete:me-", 1))[0];
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        var view = await session.HtmlAsync($"/ui/settings/collections/{id}");
        var confirm = await session.HtmlAsync($"/ui/settings/collections/{id}/delete");

        var deleted = await session.PostAsync($"/ui/settings/collections/{id}/delete", UiSession.Token(confirm));

        view.Should().Contain($"href=\"/ui/settings/collections/{id}/delete\" id=\"delete-collection\"");
        confirm.Should().Contain("<h1>Delete urn:delete:me-00?</h1>").And.Contain("No service serves it.");
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        deleted.Headers.Location!.ToString().Should().Be("/ui/settings/collections");
        using var api = app.CreateClient(UiFactory.AdminName, UiFactory.Password);
        (await api.GetAsync($"/api/v1/collections/{id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await session.GetAsync($"/ui/settings/collections/{id}/delete")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .AnyAsync(a => a.Action == "delete" && a.Resource == $"collections/{id}" && a.UserName == UiFactory.AdminName, Ct)).Should().BeTrue();
    }

    [Fact]
    public async Task Deleting_a_collection_needs_the_modify_permission_and_the_antiforgery_token()
    {
        var id = (await AddCollectionsAsync("urn:delete:guarded-", 1))[0];
        using var admin = app.Session();
        await admin.SignInOkAsync(UiFactory.AdminName);
        using var reader = app.Session();
        await reader.SignInOkAsync(UiFactory.ReaderName);
        var readerList = await reader.HtmlAsync("/ui/settings/collections");

        var forged = await admin.PostAsync($"/ui/settings/collections/{id}/delete", token: null);
        var forbidden = await reader.PostAsync($"/ui/settings/collections/{id}/delete", UiSession.Token(readerList));

        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reader.GetAsync($"/ui/settings/collections/{id}/delete")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Collections.AnyAsync(c => c.Id == id, Ct)).Should().BeTrue();
    }

    [Fact]
    public async Task An_empty_service_path_or_collection_name_shows_the_apis_message_not_a_framework_one()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        var token = UiSession.Token(await session.HtmlAsync("/ui/settings/taxii/new"));

        var service = await session.PostAsync("/ui/settings/taxii/new", token, ("Input.Type", "Poll"), ("Input.Path", ""));
        var collection = await session.PostAsync("/ui/settings/collections/new", token, ("Input.Name", ""), ("Input.Type", "DataFeed"));

        service.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var serviceHtml = await service.Content.ReadAsStringAsync(Ct);
        ErrorOf(serviceHtml, "path-error").Should().Be("path is required");
        serviceHtml.Should().NotContain("The Path field is required");
        collection.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var collectionHtml = await collection.Content.ReadAsStringAsync(Ct);
        ErrorOf(collectionHtml, "name-error").Should().Be("name is required");
        collectionHtml.Should().NotContain("The Name field is required");
    }

    /// <summary>Collections named <paramref name="prefix"/>00, 01, …, in name order; their ids in that order.</summary>
    private async Task<List<int>> AddCollectionsAsync(string prefix, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var now = DateTimeOffset.UtcNow;
        var collections = Enumerable.Range(0, count)
            .Select(i => new Collection { Name = prefix + i.ToString("00", CultureInfo.InvariantCulture), CreatedAt = now, UpdatedAt = now }).ToList();
        db.Collections.AddRange(collections);
        await db.SaveChangesAsync(Ct);
        return [.. collections.Select(c => c.Id)];
    }

    /// <summary>A column header's link (decoded).</summary>
    private static string Link(string html, string column, string header) =>
        WebUtility.HtmlDecode(new Regex($"data-column=\"{column}\">\\s*<a href=\"([^\"]+)\">{header}<").Match(html).Groups[1].Value);

    private static string Next(string html) => WebUtility.HtmlDecode(NextLink().Match(html).Groups[1].Value);

    private static List<int> RowIds(string html) =>
        [.. RowId().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static string? ErrorOf(string html, string id) =>
        new Regex($"<span class=\"field-error field-validation-error\" id=\"{id}\"[^>]*>([^<]*)</span>").Match(html) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : null;

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex NextLink();

    [GeneratedRegex("<tr class=\"clickable\" data-href=\"[^\"]+\" data-id=\"(\\d+)\"")]
    private static partial Regex RowId();
}
