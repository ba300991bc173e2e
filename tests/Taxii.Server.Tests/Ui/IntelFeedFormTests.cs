using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Feeds;
using Taxii.Persistence;
using Taxii.Testing;

namespace Taxii.Server.Tests.Ui;

/// <summary>Creating, editing and deleting incoming feeds in the web UI, through the REST API's operations.</summary>
public sealed partial class IntelFeedFormTests(IntelUiFactory app) : IClassFixture<IntelUiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_feed_with_errors_shows_the_apis_messages_at_the_fields_with_422_then_a_valid_one_is_created()
    {
        using var session = app.Session();
        await session.SignInOkAsync(IntelUiFactory.UploaderName);
        var list = await session.HtmlAsync("/ui/data/incoming-feeds");
        var form = await session.HtmlAsync("/ui/data/incoming-feeds/new");
        var token = UiSession.Token(form);

        var invalid = await session.PostAsync("/ui/data/incoming-feeds/new", token, Fields("ui form poll", transport: "TaxiiPoll", pollUrl: "", collection: "", dataset: 0, schedule: "every day"));
        var html = await invalid.Content.ReadAsStringAsync(Ct);
        var created = await session.PostAsync("/ui/data/incoming-feeds/new", token, Fields("ui form poll", transport: "TaxiiPoll", pollUrl: "http://127.0.0.1:9/poll/", collection: "remote", dataset: app.DatasetId, schedule: "*/30 * * * *"));

        list.Should().Contain("href=\"/ui/data/incoming-feeds/new\" id=\"new-feed\"");
        invalid.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        Error(html, "Input.DatasetId").Should().Be("datasetId is required");
        Error(html, "Input.PollUrl").Should().NotBeEmpty();
        Error(html, "Input.CollectionName").Should().NotBeEmpty();
        Error(html, "Input.Schedule").Should().NotBeEmpty();
        created.StatusCode.Should().Be(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync(Ct));
        var id = int.Parse(created.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var feed = await app.GetIncomingFeedAsync(id);
        feed.Name.Should().Be("ui form poll");
        feed.TransportType.Should().Be(IncomingTransportType.TaxiiPoll);
        feed.Transport.PollUrl.Should().Be("http://127.0.0.1:9/poll/");
        feed.Transport.CollectionName.Should().Be("remote");
        feed.ContentType.Should().Be(FeedContentType.Stix12);
        feed.Schedule.Should().Be("*/30 * * * *");
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .AnyAsync(a => a.Resource == $"incoming-feeds/{id}" && a.UserName == IntelUiFactory.UploaderName, Ct)).Should().BeTrue();
    }

    [Fact]
    public async Task The_form_groups_each_transports_settings_and_reads_only_the_chosen_ones()
    {
        using var session = app.Session();
        await session.SignInOkAsync(IntelUiFactory.UploaderName);
        var form = await session.HtmlAsync("/ui/data/incoming-feeds/new");

        // what another transport's fieldset still holds (ui.js hides it, a browser still posts it) is not read: no error
        // at a field the user cannot see (a bad first poll time, a schedule an upload feed may not have), nothing stored
        var fields = Fields("ui form upload with leftovers", transport: "ManualUpload", pollUrl: "not a url", collection: "remote", dataset: app.DatasetId, schedule: "every day")
            .Select(f => f.Item1 == "Input.Directory" ? (f.Item1, "/not/allowed") : f).Append(("Input.InitialBegin", "yesterday")).ToArray();
        var created = await MultipartAsync(session, "/ui/data/incoming-feeds/new", UiSession.Token(form), fields, ClientCertificate("leftover"));

        form.Should().Contain("<select class=\"transport-chooser\"").And.Contain("class=\"hint no-js-hint\"")
            .And.Contain("<fieldset class=\"transport\" data-transport=\"TaxiiPoll\">\n        <legend>TAXII poll</legend>")
            .And.Contain("<fieldset class=\"transport\" data-transport=\"TaxiiPoll TaxiiInbox\">")
            .And.Contain("<fieldset class=\"transport\" data-transport=\"MountPoint\">")
            .And.Contain("<fieldset class=\"transport\" data-transport=\"TaxiiPoll MountPoint\">\n        <legend>Schedule");
        created.StatusCode.Should().Be(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync(Ct));
        var feed = await app.GetIncomingFeedAsync(int.Parse(created.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture));
        feed.TransportType.Should().Be(IncomingTransportType.ManualUpload);
        feed.Schedule.Should().BeNull();
        feed.Transport.PollUrl.Should().BeNull();
        feed.Transport.CollectionName.Should().BeNull();
        feed.Transport.Directory.Should().BeNull();
        feed.Transport.InitialBegin.Should().BeNull();
        feed.Transport.ProtectedClientCertificate.Should().BeNull();
    }

    [Fact]
    public async Task Editing_keeps_the_name_unique_and_saves_a_change_and_a_reader_may_not()
    {
        var feed = await app.AddIncomingFeedAsync(new IncomingFeed { Name = "ui form edit", DatasetId = app.DatasetId, TransportType = IncomingTransportType.ManualUpload }, app.GroupId);
        using var session = app.Session();
        await session.SignInOkAsync(IntelUiFactory.UploaderName);
        using var reader = app.Session();
        await reader.SignInOkAsync(IntelUiFactory.IntelReaderName);
        var form = await session.HtmlAsync($"/ui/data/incoming-feeds/{feed}/edit");
        var token = UiSession.Token(form);

        var taken = await session.PostAsync($"/ui/data/incoming-feeds/{feed}/edit", token, Fields("intel poll", transport: "ManualUpload", dataset: app.DatasetId));
        var saved = await session.PostAsync($"/ui/data/incoming-feeds/{feed}/edit", token, Fields("ui form edited", transport: "ManualUpload", dataset: app.DatasetId, enabled: false));

        form.Should().Contain("value=\"ui form edit\"").And.Contain("<option value=\"ManualUpload\" selected=\"selected\">Manual upload</option>");
        (await session.HtmlAsync($"/ui/data/incoming-feeds/{feed}")).Should().Contain($"href=\"/ui/data/incoming-feeds/{feed}/edit\" id=\"edit-feed\"");
        taken.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        Error(await taken.Content.ReadAsStringAsync(Ct), "Input.Name").Should().Be("A feed named &#x27;intel poll&#x27; already exists.");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        saved.Headers.Location!.ToString().Should().Be($"/ui/data/incoming-feeds/{feed}");
        var stored = await app.GetIncomingFeedAsync(feed);
        stored.Name.Should().Be("ui form edited");
        stored.Enabled.Should().BeFalse();
        (await reader.GetAsync($"/ui/data/incoming-feeds/{feed}/edit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reader.HtmlAsync($"/ui/data/incoming-feeds/{feed}")).Should().NotContain("id=\"edit-feed\"");
        (await reader.HtmlAsync("/ui/data/incoming-feeds")).Should().NotContain("id=\"new-feed\"");
    }

    [Fact]
    public async Task The_form_sets_a_password_a_client_certificate_an_interval_and_the_first_poll_keeps_them_when_blank_and_removes_them_when_ticked()
    {
        using var session = app.Session();
        await session.SignInOkAsync(IntelUiFactory.UploaderName);
        var token = UiSession.Token(await session.HtmlAsync("/ui/data/incoming-feeds/new"));
        (string, string)[] poll = [.. Fields("ui form secrets", transport: "TaxiiPoll", pollUrl: "http://127.0.0.1:9/poll/", collection: "remote", dataset: app.DatasetId)
            .Where(f => f.Item1 is not ("Input.Username" or "Input.Password")), ("Input.Username", "poller")];

        var badTime = await MultipartAsync(session, "/ui/data/incoming-feeds/new", token, [.. poll, ("Input.InitialBegin", "yesterday")]);
        var badCertificate = await MultipartAsync(session, "/ui/data/incoming-feeds/new", token, poll, [1, 2, 3, 4]);
        var created = await MultipartAsync(session, "/ui/data/incoming-feeds/new", token,
            [.. poll, ("Input.Password", "poll-secret-1"), ("Input.ClientCertificatePassword", "p12-pass"), ("Input.IntervalMinutes", "30"), ("Input.InitialBegin", "2026-11-01T08:30")],
            ClientCertificate("p12-pass"));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync(Ct));
        var id = int.Parse(created.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var first = await app.GetIncomingFeedAsync(id);
        var form = await session.HtmlAsync($"/ui/data/incoming-feeds/{id}/edit");
        var kept = await MultipartAsync(session, $"/ui/data/incoming-feeds/{id}/edit", token, [.. poll, ("Input.Password", ""), ("Input.InitialBegin", "2026-11-01T08:30:00")]);
        var afterKeep = await app.GetIncomingFeedAsync(id);
        var removed = await MultipartAsync(session, $"/ui/data/incoming-feeds/{id}/edit", token,
            [.. poll, ("Input.Password", ""), ("Input.RemovePassword", "true"), ("Input.RemoveClientCertificate", "true")]);
        var afterRemove = await app.GetIncomingFeedAsync(id);

        badTime.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        Error(await badTime.Content.ReadAsStringAsync(Ct), "Input.InitialBegin").Should().Contain("is not a time");
        badCertificate.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        Error(await badCertificate.Content.ReadAsStringAsync(Ct), "Input.ClientCertificate").Should().Contain("PKCS#12");
        first.Transport.ProtectedPassword.Should().NotBeNullOrEmpty();
        first.Transport.ProtectedClientCertificate.Should().NotBeNullOrEmpty();
        first.Transport.Username.Should().Be("poller");
        first.Schedule.Should().Be("*/30 * * * *");
        first.Transport.InitialBegin.Should().Be(new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero));
        form.Should().NotContain("poll-secret-1").And.Contain("id=\"password-stored\"").And.Contain("id=\"certificate-stored\"")
            .And.Contain("name=\"Input.RemovePassword\"").And.Contain("name=\"Input.RemoveClientCertificate\"")
            .And.Contain("value=\"2026-11-01T08:30:00\"").And.Contain("enctype=\"multipart/form-data\"");
        kept.StatusCode.Should().Be(HttpStatusCode.Redirect, await kept.Content.ReadAsStringAsync(Ct));
        afterKeep.Transport.ProtectedPassword.Should().Be(first.Transport.ProtectedPassword);
        afterKeep.Transport.ProtectedClientCertificate.Should().Be(first.Transport.ProtectedClientCertificate);
        removed.StatusCode.Should().Be(HttpStatusCode.Redirect, await removed.Content.ReadAsStringAsync(Ct));
        afterRemove.Transport.ProtectedPassword.Should().BeNull();
        afterRemove.Transport.ProtectedClientCertificate.Should().BeNull();
        afterRemove.Transport.InitialBegin.Should().BeNull("the field was left empty");
        (await session.HtmlAsync($"/ui/data/incoming-feeds/{id}/edit")).Should().NotContain("id=\"password-stored\"").And.NotContain("name=\"Input.RemovePassword\"");
    }

    [Fact]
    public async Task Deleting_asks_first_then_deletes_through_the_rest_rule_and_a_reader_may_not()
    {
        var feed = await app.AddIncomingFeedAsync(new IncomingFeed { Name = "ui delete me", DatasetId = app.DatasetId, TransportType = IncomingTransportType.ManualUpload }, app.GroupId);
        using var session = app.Session();
        await session.SignInOkAsync(IntelUiFactory.UploaderName);
        using var reader = app.Session();
        await reader.SignInOkAsync(IntelUiFactory.IntelReaderName);
        var path = $"/ui/data/incoming-feeds/{feed}/delete";

        var readerPage = await reader.HtmlAsync($"/ui/data/incoming-feeds/{feed}");
        var page = await session.HtmlAsync($"/ui/data/incoming-feeds/{feed}");
        var confirm = await session.HtmlAsync(path);
        var readerGet = await reader.GetAsync(path);
        var readerPost = await reader.PostAsync(path, UiSession.Token(readerPage));
        var existsAfterRefusal = await ExistsAsync(feed);
        var deleted = await session.PostAsync(path, UiSession.Token(confirm));
        var again = await session.PostAsync(path, UiSession.Token(confirm));

        page.Should().Contain($"href=\"/ui/data/incoming-feeds/{feed}/delete\" id=\"delete-feed\"");
        readerPage.Should().NotContain("id=\"delete-feed\"");
        confirm.Should().Contain("Delete ui delete me?").And.Contain("<form method=\"post\" id=\"delete-feed\">");
        readerGet.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        readerPost.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        existsAfterRefusal.Should().BeTrue();
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        deleted.Headers.Location!.ToString().Should().Be("/ui/data/incoming-feeds");
        (await ExistsAsync(feed)).Should().BeFalse();
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .AnyAsync(a => a.Action == "delete" && a.Resource == $"incoming-feeds/{feed}" && a.UserName == IntelUiFactory.UploaderName, Ct)).Should().BeTrue();
    }

    private async Task<bool> ExistsAsync(int feed)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().IncomingFeeds.AnyAsync(f => f.Id == feed, Ct);
    }

    /// <summary>Posts the feed form as a browser does (multipart), with a certificate file when given.</summary>
    private static async Task<HttpResponseMessage> MultipartAsync(UiSession session, string path, string token, (string Name, string Value)[] fields, byte[]? certificate = null)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Append(("__RequestVerificationToken", token)))
        {
            content.Add(new StringContent(value), name);
        }

        if (certificate is not null)
        {
            var file = new ByteArrayContent(certificate);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/x-pkcs12");
            content.Add(file, "Input.ClientCertificate", "client.p12");
        }

        return await session.Client.PostAsync(path, content, Ct);
    }

    /// <summary>A self-signed client certificate with its private key, as a PKCS#12 file.</summary>
    internal static byte[] ClientCertificate(string password)
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=taxii ui client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.Export(X509ContentType.Pkcs12, password);
    }

    private (string, string)[] Fields(string name, string transport, int dataset, string? pollUrl = null, string? collection = null, string? schedule = null, bool enabled = true) =>
    [
        ("Input.Name", name), ("Input.Description", ""), ("Input.Enabled", enabled ? "true" : "false"), ("Input.DatasetId", dataset.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Input.GroupIds", app.GroupId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.TransportType", transport),
        ("Input.PollUrl", pollUrl ?? ""), ("Input.CollectionName", collection ?? ""), ("Input.TaxiiVersion", "1.1"), ("Input.Username", ""), ("Input.Password", ""),
        ("Input.VerifyTls", "true"), ("Input.Directory", ""), ("Input.FilePattern", ""), ("Input.ContentType", transport == "TaxiiPoll" ? "Stix12" : ""), ("Input.Schedule", schedule ?? ""),
    ];

    /// <summary>The message shown at a field ("" when none).</summary>
    private static string Error(string html, string field) =>
        Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)<").Groups[1].Value;
}
