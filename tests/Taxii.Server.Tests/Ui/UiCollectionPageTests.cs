using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Core.Datasets;
using Taxii.Core.Security;
using Taxii.Persistence;
using Group = Taxii.Core.Security.Group;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// The TAXII settings' create pages and the collection pages over real HTTP: what they change is read back through the
/// REST API, so the UI and the API are seen to share one set of rules.
/// </summary>
public sealed partial class UiCollectionPageTests(UiFactory app) : IClassFixture<UiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_creates_a_service_and_the_api_serves_it()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        var list = await session.HtmlAsync("/ui/settings/taxii");
        var form = await session.HtmlAsync("/ui/settings/taxii/new");
        var collectionId = await CollectionIdAsync("ui-collection-2");

        var created = await session.PostAsync("/ui/settings/taxii/new", UiSession.Token(form),
            ("Input.Type", "Inbox"), ("Input.Path", "/ui-created-inbox/"), ("Input.Description", "made in the UI"),
            ("Input.Available", "true"), ("Input.CollectionIds", collectionId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        list.Should().Contain("href=\"/ui/settings/taxii/new\"");
        form.Should().Contain("<label for=\"Input_Path\">Path</label>");
        created.StatusCode.Should().Be(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync(Ct));
        var id = int.Parse(created.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        using var api = app.CreateClient(UiFactory.AdminName, UiFactory.Password);
        var service = await api.GetFromJsonAsync<JsonElement>($"/api/v1/services/{id}", Ct);
        service.GetProperty("path").GetString().Should().Be("/ui-created-inbox/");
        service.GetProperty("type").GetString().Should().Be("inbox");
        service.GetProperty("description").GetString().Should().Be("made in the UI");
        service.GetProperty("authenticationRequired").GetBoolean().Should().BeFalse("an unticked checkbox posts nothing");
        service.GetProperty("collectionIds").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(collectionId);
        (await session.HtmlAsync($"/ui/settings/taxii/{id}")).Should().Contain("/ui-created-inbox/");
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .AnyAsync(a => a.Action == "create" && a.Resource == $"services/{id}" && a.UserName == UiFactory.AdminName, Ct)).Should().BeTrue();
    }

    [Fact]
    public async Task A_refused_or_clashing_service_is_shown_with_the_apis_message_and_422()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        var token = UiSession.Token(await session.HtmlAsync("/ui/settings/taxii/new"));

        var reserved = await session.PostAsync("/ui/settings/taxii/new", token, ("Input.Type", "Poll"), ("Input.Path", "/api/v1/mine"));
        var taken = await session.PostAsync("/ui/settings/taxii/new", token, ("Input.Type", "Poll"), ("Input.Path", "/a-inbox/"));

        reserved.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ErrorOf(await reserved.Content.ReadAsStringAsync(Ct), "path-error").Should().Be("that path belongs to the server itself");
        taken.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ErrorOf(await taken.Content.ReadAsStringAsync(Ct), "path-error").Should().Be("A service already answers at '/a-inbox/'.");
    }

    [Fact]
    public async Task An_administrator_creates_a_collection_with_every_field_and_the_api_reads_them_back()
    {
        var (datasetId, groupId) = await DatasetAndGroupAsync();
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        var list = await session.HtmlAsync("/ui/settings/collections");
        var form = await session.HtmlAsync("/ui/settings/collections/new");

        var created = await session.PostAsync("/ui/settings/collections/new", UiSession.Token(form),
            ("Input.Name", "urn:ui:created"), ("Input.Description", "from the form"), ("Input.Type", "DataSet"), ("Input.Enabled", "true"),
            ("Input.ContentBindings", "urn:stix.mitre.org:xml:1.1.1\r\n\r\n urn:eclecticiq.com:json:1.0 \r\n"),
            ("Input.SourceDatasetIds", Invariant(datasetId)), ("Input.ReadGroupIds", Invariant(groupId)), ("Input.WriteGroupIds", Invariant(groupId)));

        list.Should().Contain("href=\"/ui/settings/collections/new\"").And.Contain("ui-collection-1");
        form.Should().Contain("ui-dataset-").And.Contain("ui-group-").And.Contain("<label for=\"Input_Name\">Name</label>");
        created.StatusCode.Should().Be(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync(Ct));
        var id = int.Parse(created.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var collection = await ApiCollectionAsync(id);
        collection.GetProperty("name").GetString().Should().Be("urn:ui:created");
        collection.GetProperty("description").GetString().Should().Be("from the form");
        collection.GetProperty("type").GetString().Should().Be("data-set");
        collection.GetProperty("enabled").GetBoolean().Should().BeTrue();
        collection.GetProperty("contentBindings").EnumerateArray().Select(e => e.GetString()).Should().Equal("urn:stix.mitre.org:xml:1.1.1", "urn:eclecticiq.com:json:1.0");
        collection.GetProperty("sourceDatasetIds").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(datasetId);
        var group = collection.GetProperty("groups").EnumerateArray().Single();
        (group.GetProperty("groupId").GetInt32(), group.GetProperty("canRead").GetBoolean(), group.GetProperty("canWrite").GetBoolean()).Should().Be((groupId, true, true));
        var view = await session.HtmlAsync($"/ui/settings/collections/{id}");
        view.Should().Contain("urn:ui:created").And.Contain("ui-dataset").And.Contain("href=\"/ui/settings/collections/" + id + "/edit\"");
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .AnyAsync(a => a.Action == "create" && a.Resource == $"collections/{id}" && a.UserName == UiFactory.AdminName, Ct)).Should().BeTrue();
    }

    [Fact]
    public async Task An_administrator_edits_a_collection_and_the_form_shows_what_it_holds()
    {
        var (datasetId, groupId) = await DatasetAndGroupAsync();
        using var api = app.CreateClient(UiFactory.AdminName, UiFactory.Password);
        var made = await api.PostAsJsonAsync("/api/v1/collections", new
        {
            name = "ui-edit-me",
            contentBindings = new[] { "urn:one" },
            sourceDatasetIds = new[] { datasetId },
            groups = new[] { new { groupId, canRead = true, canWrite = false } },
        }, Ct);
        made.StatusCode.Should().Be(HttpStatusCode.Created, await made.Content.ReadAsStringAsync(Ct));
        var id = (await made.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);

        var form = await session.HtmlAsync($"/ui/settings/collections/{id}/edit");
        var saved = await session.PostAsync($"/ui/settings/collections/{id}/edit", UiSession.Token(form),
            ("Input.Name", "ui-edited"), ("Input.Type", "DataFeed"), ("Input.ContentBindings", "urn:two"), ("Input.WriteGroupIds", Invariant(groupId)));

        form.Should().Contain("value=\"ui-edit-me\"").And.Contain("urn:one");
        form.Should().MatchRegex($"name=\"Input.SourceDatasetIds\" value=\"{datasetId}\" checked");
        form.Should().MatchRegex($"name=\"Input.ReadGroupIds\" value=\"{groupId}\" checked").And.NotMatchRegex($"name=\"Input.WriteGroupIds\" value=\"{groupId}\" checked");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync(Ct));
        saved.Headers.Location!.ToString().Should().Be($"/ui/settings/collections/{id}");
        var collection = await ApiCollectionAsync(id);
        collection.GetProperty("name").GetString().Should().Be("ui-edited");
        collection.GetProperty("enabled").GetBoolean().Should().BeFalse();
        collection.GetProperty("contentBindings").EnumerateArray().Select(e => e.GetString()).Should().Equal("urn:two");
        collection.GetProperty("sourceDatasetIds").GetArrayLength().Should().Be(0);
        var group = collection.GetProperty("groups").EnumerateArray().Single();
        (group.GetProperty("canRead").GetBoolean(), group.GetProperty("canWrite").GetBoolean()).Should().Be((false, true));
    }

    [Fact]
    public async Task A_refused_collection_shows_the_apis_message_beside_its_field_with_422_and_keeps_the_input()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        var token = UiSession.Token(await session.HtmlAsync("/ui/settings/collections/new"));
        var id = await CollectionIdAsync("ui-collection-3");

        var invalid = await session.PostAsync("/ui/settings/collections/new", token, ("Input.Name", "not a uri"), ("Input.Description", "kept"));
        var bad = await session.PostAsync($"/ui/settings/collections/{id}/edit", token, ("Input.Name", "ui-collection-3"), ("Input.SourceDatasetIds", "987654"));

        invalid.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await invalid.Content.ReadAsStringAsync(Ct);
        ErrorOf(html, "name-error").Should().Be("a collection name is an xs:anyURI");
        html.Should().Contain("value=\"not a uri\"").And.Contain("kept</textarea>");
        bad.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ErrorOf(await bad.Content.ReadAsStringAsync(Ct), "datasets-error").Should().Be("dataset 987654 does not exist");
        (await CollectionIdAsync("not a uri")).Should().Be(0);
    }

    [Fact]
    public async Task A_duplicate_collection_name_is_a_conflict_shown_beside_the_name()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        var token = UiSession.Token(await session.HtmlAsync("/ui/settings/collections/new"));
        var id = await CollectionIdAsync("ui-collection-2");

        var created = await session.PostAsync("/ui/settings/collections/new", token, ("Input.Name", "ui-collection-1"));
        var renamed = await session.PostAsync($"/ui/settings/collections/{id}/edit", token, ("Input.Name", "ui-collection-1"));

        created.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ErrorOf(await created.Content.ReadAsStringAsync(Ct), "name-error").Should().Be("A collection named 'ui-collection-1' already exists.");
        renamed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ErrorOf(await renamed.Content.ReadAsStringAsync(Ct), "name-error").Should().Be("A collection named 'ui-collection-1' already exists.");
        (await CollectionIdAsync("ui-collection-2")).Should().Be(id, "the rename was not saved");
    }

    [Fact]
    public async Task A_reader_sees_the_lists_without_create_or_edit_and_is_refused_403_on_every_change()
    {
        var id = await CollectionIdAsync("ui-collection-1");
        await ShareWithReaderAsync(id);
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.ReaderName);
        var token = UiSession.Token(await session.HtmlAsync("/ui"));

        var home = await session.HtmlAsync("/ui");
        var services = await session.HtmlAsync("/ui/settings/taxii");
        var list = await session.HtmlAsync("/ui/settings/collections");
        var view = await session.HtmlAsync($"/ui/settings/collections/{id}");
        var newService = await session.GetAsync("/ui/settings/taxii/new");
        var newCollection = await session.GetAsync("/ui/settings/collections/new");
        var edit = await session.GetAsync($"/ui/settings/collections/{id}/edit");
        var postService = await session.PostAsync("/ui/settings/taxii/new", token, ("Input.Type", "Poll"), ("Input.Path", "/ui-reader-made/"));
        var postCollection = await session.PostAsync("/ui/settings/collections/new", token, ("Input.Name", "ui-reader-made"));
        var postEdit = await session.PostAsync($"/ui/settings/collections/{id}/edit", token, ("Input.Name", "ui-reader-renamed"));

        home.Should().Contain("href=\"/ui/settings/collections\"");
        services.Should().NotContain("/ui/settings/taxii/new");
        list.Should().NotContain("/ui/settings/collections/new");
        list.Should().Contain($"data-id=\"{id}\"", "the collection is shared with the reader's group");
        view.Should().Contain("ui-collection-1").And.NotContain("/edit\"");
        foreach (var response in new[] { newService, newCollection, edit, postService, postCollection, postEdit })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, response.RequestMessage!.RequestUri!.ToString());
        }

        (await CollectionIdAsync("ui-reader-made")).Should().Be(0);
        (await CollectionIdAsync("ui-collection-1")).Should().Be(id);
    }

    [Fact]
    public async Task The_collection_list_is_sorted_by_name_both_ways_and_the_service_view_links_its_collections()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var names = await db.Collections.Select(c => new { c.Id, c.Name }).ToListAsync(Ct);
        var ascending = names.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id).Select(c => c.Id).Take(25).ToList();
        var descending = names.OrderByDescending(c => c.Name, StringComparer.Ordinal).ThenByDescending(c => c.Id).Select(c => c.Id).Take(25).ToList();
        var serviceId = await db.Services.Where(s => s.Path == "/Taxii-Poll-B/").Select(s => s.Id).SingleAsync(Ct);

        var up = await session.HtmlAsync("/ui/settings/collections?sort=name&dir=asc");
        var down = await session.HtmlAsync("/ui/settings/collections?sort=name&dir=desc");
        var service = await session.HtmlAsync($"/ui/settings/taxii/{serviceId}");

        RowIds(up).Should().Equal(ascending);
        RowIds(down).Should().Equal(descending);
        up.Should().Contain("aria-sort=\"ascending\" data-column=\"name\"");
        down.Should().Contain("aria-sort=\"descending\" data-column=\"name\"");
        var first = await CollectionIdAsync("ui-collection-1");
        service.Should().Contain($"<a href=\"/ui/settings/collections/{first}\">ui-collection-1</a>");
    }

    private async Task<(int DatasetId, int GroupId)> DatasetAndGroupAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        var dataset = new Dataset { Name = "ui-dataset-" + suffix, CreatedAt = now, UpdatedAt = now };
        var group = new Group { Name = "ui-group-" + suffix, CreatedAt = now };
        db.Datasets.Add(dataset);
        db.Groups.Add(group);
        await db.SaveChangesAsync(Ct);
        return (dataset.Id, group.Id);
    }

    /// <summary>The reader sees a collection only when it is shared with one of its groups.</summary>
    private async Task ShareWithReaderAsync(int collectionId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var readerId = await db.Users.Where(u => u.Name == UiFactory.ReaderName).Select(u => u.Id).SingleAsync(Ct);
        var group = new Group { Name = "ui-readers-" + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTimeOffset.UtcNow };
        db.Groups.Add(group);
        await db.SaveChangesAsync(Ct);
        db.GroupMemberships.Add(new GroupMembership { UserId = readerId, GroupId = group.Id });
        db.CollectionAccess.Add(new CollectionAccess { CollectionId = collectionId, GroupId = group.Id, CanRead = true });
        await db.SaveChangesAsync(Ct);
    }

    private async Task<JsonElement> ApiCollectionAsync(int id)
    {
        using var api = app.CreateClient(UiFactory.AdminName, UiFactory.Password);
        return await api.GetFromJsonAsync<JsonElement>($"/api/v1/collections/{id}", Ct);
    }

    private async Task<int> CollectionIdAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Collections
            .Where(c => c.Name == name).Select(c => c.Id).SingleOrDefaultAsync(Ct);
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<int> RowIds(string html) =>
        [.. RowId().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The message beside a field (decoded), or null when there is none.</summary>
    private static string? ErrorOf(string html, string id) =>
        new Regex($"<span class=\"field-error field-validation-error\" id=\"{id}\"[^>]*>([^<]*)</span>").Match(html) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : null;

    [GeneratedRegex("<tr class=\"clickable\" data-href=\"[^\"]+\" data-id=\"(\\d+)\"")]
    private static partial Regex RowId();
}
