using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Persistence;
using Taxii.Testing;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// Datasets changed from the UI over real HTTP: uploading a file straight to a dataset (the rules of
/// <c>POST /api/v1/datasets/{id}/uploads</c>), and creating, editing and deleting a dataset (those of
/// <c>/api/v1/datasets</c>), read back through the REST API and the database. The uploader holds <c>modify datasets</c>,
/// the reader only <c>read datasets</c>.
/// </summary>
public sealed partial class DatasetPageTests(IntelUiFactory app) : IClassFixture<IntelUiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_uploaded_stix_file_is_stored_in_the_dataset_with_its_counts_and_a_second_upload_is_skipped()
    {
        var dataset = await app.AddDatasetAsync("upload straight", app.GroupId);
        using var session = await SignedInAsync(IntelUiFactory.UploaderName);
        var view = await session.HtmlAsync($"/ui/datasets/{dataset}");
        var form = await session.HtmlAsync($"/ui/datasets/{dataset}/upload");
        var file = await File.ReadAllBytesAsync(ReferenceMaterial.Require(IntelPageTests.StixSample), Ct);

        var stored = await UploadAsync(session, dataset, file, "watchlist.xml", UiSession.Token(form));
        var again = await UploadAsync(session, dataset, file, "watchlist.xml", UiSession.Token(form));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var entities = await db.Entities.CountAsync(e => e.DatasetId == dataset, Ct);
        entities.Should().BePositive();
        view.Should().Contain($"href=\"/ui/datasets/{dataset}/upload\" id=\"upload-dataset\"");
        form.Should().Contain("enctype=\"multipart/form-data\"").And.Contain("<input type=\"file\" id=\"upload-file\" name=\"file\"")
            .And.Contain("At most 64 KiB (65,536 bytes)");
        var storedHtml = await stored.Content.ReadAsStringAsync(Ct);
        stored.StatusCode.Should().Be(HttpStatusCode.OK, storedHtml);
        storedHtml.Should().Contain("<h2 id=\"upload-outcome-title\">Stored</h2>").And.Contain($"<dd id=\"count-created\">{entities}</dd>")
            .And.Contain("<dd id=\"count-updated\">0</dd>");
        (await app.ObservableValuesAsync(dataset)).Should().Contain(["10.0.0.0", "10.0.0.1", "10.0.0.2"]);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync(Ct)).Should().Contain("<h2 id=\"upload-outcome-title\">Skipped</h2>").And.Contain("already holds this file");
        var audit = await db.AuditLog
            .Where(a => a.Action == "upload" && a.Resource == $"datasets/{dataset}" && a.UserName == IntelUiFactory.UploaderName).OrderBy(a => a.Id).Select(a => a.Details).ToListAsync(Ct);
        audit.Should().Equal($"uploaded file watchlist.xml; Stored; created={entities}; updated=0", "uploaded file watchlist.xml; Skipped; created=0; updated=0");
    }

    [Fact]
    public async Task Each_refused_upload_shows_its_reason_at_its_field_with_its_status_and_stores_nothing()
    {
        var dataset = await app.AddDatasetAsync("upload refused", app.GroupId);
        using var session = await SignedInAsync(IntelUiFactory.UploaderName);
        var token = UiSession.Token(await session.HtmlAsync($"/ui/datasets/{dataset}/upload"));
        var big = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 8000).Select(i => $"198.51.{i / 250}.{i % 250}\n")));
        var truncated = (await File.ReadAllBytesAsync(ReferenceMaterial.Require(IntelPageTests.StixSample), Ct))[..600];

        var tooLarge = await UploadAsync(session, dataset, big, "big.txt", token);
        var malformed = await UploadAsync(session, dataset, truncated, "truncated.xml", token, contentType: "stix-1.2");
        var noFile = await UploadAsync(session, dataset, null, "", token);
        var unknownType = await UploadAsync(session, dataset, "10.0.0.1\n"u8.ToArray(), "list.txt", token, contentType: "pdf");

        big.LongLength.Should().BeGreaterThan(IntelUiFactory.UploadLimit);
        tooLarge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await tooLarge.Content.ReadAsStringAsync(Ct)).Should()
            .Contain("id=\"upload-file-error\">The upload is larger than this server accepts (65536 bytes, Taxii:Limits:MaxUploadedBlobSize).</span>");
        var malformedHtml = await malformed.Content.ReadAsStringAsync(Ct);
        malformed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, malformedHtml);
        malformedHtml.Should().MatchRegex("id=\"upload-file-error\">The file was not ingested: not valid [^<]+</span>")
            .And.Contain("<option value=\"stix-1.2\" selected=\"selected\">STIX 1.2</option>", "the form keeps the choice");
        noFile.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await noFile.Content.ReadAsStringAsync(Ct)).Should().Contain("id=\"upload-file-error\">Choose a file to upload.</span>");
        unknownType.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await unknownType.Content.ReadAsStringAsync(Ct)).Should()
            .Contain("id=\"upload-content-type-error\">contentType must be one of stix-1.2, eclecticiq-json, csv, plain-text</span>");
        (await app.ObservableValuesAsync(dataset)).Should().BeEmpty();
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog.AnyAsync(a => a.Resource == $"datasets/{dataset}", Ct)).Should().BeFalse();
    }

    [Fact]
    public async Task Uploading_needs_the_modify_permission_the_antiforgery_token_and_a_dataset_the_user_sees()
    {
        var foreign = await app.AddDatasetAsync("upload not shared");
        using var reader = await SignedInAsync(IntelUiFactory.IntelReaderName);
        using var uploader = await SignedInAsync(IntelUiFactory.UploaderName);
        var readerView = await reader.HtmlAsync($"/ui/datasets/{app.DatasetId}");
        var token = UiSession.Token(await uploader.HtmlAsync($"/ui/datasets/{app.DatasetId}/upload"));
        var file = "10.0.0.77\n"u8.ToArray();

        var forged = await UploadAsync(uploader, app.DatasetId, file, "list.txt", token: null);
        var forbidden = await UploadAsync(reader, app.DatasetId, file, "list.txt", UiSession.Token(readerView));
        var unseen = await UploadAsync(uploader, foreign, file, "list.txt", token);

        readerView.Should().NotContain("upload-dataset").And.NotContain("edit-dataset").And.NotContain("delete-dataset");
        (await reader.HtmlAsync("/ui/datasets")).Should().NotContain("new-dataset");
        (await reader.GetAsync($"/ui/datasets/{app.DatasetId}/upload")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        unseen.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.ObservableValuesAsync(app.DatasetId)).Should().NotContain("10.0.0.77");
        (await app.ObservableValuesAsync(foreign)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_uploader_creates_edits_and_deletes_a_dataset_and_the_api_reads_each_change()
    {
        using var session = await SignedInAsync(IntelUiFactory.UploaderName);
        var list = await session.HtmlAsync("/ui/datasets");
        var form = await session.HtmlAsync("/ui/datasets/new");
        var group = Invariant(app.GroupId);

        var created = await session.PostAsync("/ui/datasets/new", UiSession.Token(form),
            ("Input.Name", "made in the ui"), ("Input.Description", "from the form"), ("Input.GroupIds", group));
        var id = int.Parse(created.Headers.Location!.ToString().Split('/')[^1], CultureInfo.InvariantCulture);
        var editForm = await session.HtmlAsync($"/ui/datasets/{id}/edit");
        var edited = await session.PostAsync($"/ui/datasets/{id}/edit", UiSession.Token(editForm),
            ("Input.Name", "renamed in the ui"), ("Input.Description", ""), ("Input.GroupIds", group));
        var api = await ApiDatasetAsync(id);
        var confirm = await session.HtmlAsync($"/ui/datasets/{id}/delete");
        var deleted = await session.PostAsync($"/ui/datasets/{id}/delete", UiSession.Token(confirm));

        list.Should().Contain("href=\"/ui/datasets/new\" id=\"new-dataset\"");
        form.Should().Contain("<label for=\"Input_Name\">Name</label>").And.Contain($"name=\"Input.GroupIds\" value=\"{group}\"");
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        editForm.Should().Contain("value=\"made in the ui\"").And.Contain($"value=\"{group}\" checked=\"checked\"");
        edited.StatusCode.Should().Be(HttpStatusCode.Redirect);
        edited.Headers.Location!.ToString().Should().Be($"/ui/datasets/{id}");
        api.GetProperty("name").GetString().Should().Be("renamed in the ui");
        api.GetProperty("description").ValueKind.Should().Be(JsonValueKind.Null);
        api.GetProperty("groupIds").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(app.GroupId);
        confirm.Should().Contain("<h1>Delete renamed in the ui?</h1>").And.Contain("All its entities");
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        deleted.Headers.Location!.ToString().Should().Be("/ui/datasets");
        using var client = app.CreateClient(UiFactory.AdminName, UiFactory.Password);
        (await client.GetAsync($"/api/v1/datasets/{id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .Where(a => a.Resource == $"datasets/{id}" && a.UserName == IntelUiFactory.UploaderName).Select(a => a.Action).ToListAsync(Ct))
            .Should().BeEquivalentTo(["create", "update", "delete"]);
    }

    [Fact]
    public async Task A_refused_dataset_shows_the_apis_messages_beside_their_fields_with_422()
    {
        var taken = await app.AddDatasetAsync("dataset name taken", app.GroupId);
        using var session = await SignedInAsync(IntelUiFactory.UploaderName);
        var token = UiSession.Token(await session.HtmlAsync("/ui/datasets/new"));

        var empty = await session.PostAsync("/ui/datasets/new", token, ("Input.Name", ""), ("Input.GroupIds", Invariant(app.GroupId)));
        var noGroup = await session.PostAsync("/ui/datasets/new", token, ("Input.Name", "dataset of nobody"));
        var clash = await session.PostAsync("/ui/datasets/new", token, ("Input.Name", "dataset name taken"), ("Input.GroupIds", Invariant(app.GroupId)));
        var renamed = await session.PostAsync($"/ui/datasets/{taken}/edit", token, ("Input.Name", "intel shared"), ("Input.GroupIds", Invariant(app.GroupId)));

        empty.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var emptyHtml = await empty.Content.ReadAsStringAsync(Ct);
        ErrorOf(emptyHtml, "name-error").Should().Be("name is required");
        emptyHtml.Should().NotContain("The Name field is required");
        noGroup.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ErrorOf(await noGroup.Content.ReadAsStringAsync(Ct), "groups-error").Should().Be("give at least one of your groups, or you could not see it yourself");
        clash.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ErrorOf(await clash.Content.ReadAsStringAsync(Ct), "name-error").Should().Be("A dataset named 'dataset name taken' already exists.");
        renamed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ErrorOf(await renamed.Content.ReadAsStringAsync(Ct), "name-error").Should().Be("A dataset named 'intel shared' already exists.");
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Datasets.CountAsync(d => d.Name == "dataset of nobody", Ct)).Should().Be(0);
    }

    [Fact]
    public async Task Creating_editing_and_deleting_datasets_needs_the_modify_permission()
    {
        var dataset = await app.AddDatasetAsync("dataset guarded", app.GroupId);
        using var reader = await SignedInAsync(IntelUiFactory.IntelReaderName);
        var token = UiSession.Token(await reader.HtmlAsync($"/ui/datasets/{dataset}"));

        foreach (var path in new[] { "/ui/datasets/new", $"/ui/datasets/{dataset}/edit", $"/ui/datasets/{dataset}/delete" })
        {
            (await reader.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
            (await reader.PostAsync(path, token, ("Input.Name", "reader's"), ("Input.GroupIds", Invariant(app.GroupId)))).StatusCode
                .Should().Be(HttpStatusCode.Forbidden, path);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        (await db.Datasets.SingleAsync(d => d.Id == dataset, Ct)).Name.Should().Be("dataset guarded");
        (await db.Datasets.AnyAsync(d => d.Name == "reader's", Ct)).Should().BeFalse();
    }

    private async Task<UiSession> SignedInAsync(string user)
    {
        var session = app.Session();
        await session.SignInOkAsync(user);
        return session;
    }

    private async Task<JsonElement> ApiDatasetAsync(int id)
    {
        using var api = app.CreateClient(UiFactory.AdminName, UiFactory.Password);
        return await api.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{id}", Ct);
    }

    private static async Task<HttpResponseMessage> UploadAsync(UiSession session, int dataset, byte[]? content, string fileName, string? token, string contentType = "")
    {
        using var form = new MultipartFormDataContent();
        if (token is not null)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }

        form.Add(new StringContent(contentType), "contentType");
        if (content is null)
        {
            // no file chosen: the part is a plain field
            form.Add(new StringContent(string.Empty), "file");
        }
        else
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", fileName);
        }

        return await session.Client.PostAsync($"/ui/datasets/{dataset}/upload", form, Ct);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? ErrorOf(string html, string id) =>
        new Regex($"<span class=\"field-error field-validation-error\" id=\"{id}\"[^>]*>([^<]*)</span>").Match(html) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : null;
}
