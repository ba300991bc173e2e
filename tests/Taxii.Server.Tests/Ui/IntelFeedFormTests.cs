using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Feeds;
using Taxii.Persistence;
using Taxii.Testing;

namespace Taxii.Server.Tests.Ui;

/// <summary>Creating and editing incoming feeds in the web UI, through the REST API's operations.</summary>
public sealed partial class IntelFeedFormTests(IntelUiFactory app) : IClassFixture<IntelUiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_feed_with_errors_shows_the_apis_messages_at_the_fields_with_422_then_a_valid_one_is_created()
    {
        using var session = app.Session();
        await session.SignInOkAsync(IntelUiFactory.UploaderName);
        var list = await session.HtmlAsync("/ui/incoming-feeds");
        var form = await session.HtmlAsync("/ui/incoming-feeds/edit");
        var token = UiSession.Token(form);

        var invalid = await session.PostAsync("/ui/incoming-feeds/edit", token, Fields("ui form poll", transport: "TaxiiPoll", pollUrl: "", collection: "", dataset: 0, schedule: "every day"));
        var html = await invalid.Content.ReadAsStringAsync(Ct);
        var created = await session.PostAsync("/ui/incoming-feeds/edit", token, Fields("ui form poll", transport: "TaxiiPoll", pollUrl: "http://127.0.0.1:9/poll/", collection: "remote", dataset: app.DatasetId, schedule: "*/30 * * * *"));

        list.Should().Contain("href=\"/ui/incoming-feeds/edit\" id=\"new-feed\"");
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
    public async Task Editing_keeps_the_name_unique_and_saves_a_change_and_a_reader_may_not()
    {
        var feed = await app.AddIncomingFeedAsync(new IncomingFeed { Name = "ui form edit", DatasetId = app.DatasetId, TransportType = IncomingTransportType.ManualUpload }, app.GroupId);
        using var session = app.Session();
        await session.SignInOkAsync(IntelUiFactory.UploaderName);
        using var reader = app.Session();
        await reader.SignInOkAsync(IntelUiFactory.IntelReaderName);
        var form = await session.HtmlAsync($"/ui/incoming-feeds/edit/{feed}");
        var token = UiSession.Token(form);

        var taken = await session.PostAsync($"/ui/incoming-feeds/edit/{feed}", token, Fields("intel poll", transport: "ManualUpload", dataset: app.DatasetId));
        var saved = await session.PostAsync($"/ui/incoming-feeds/edit/{feed}", token, Fields("ui form edited", transport: "ManualUpload", dataset: app.DatasetId, enabled: false));

        form.Should().Contain("value=\"ui form edit\"").And.Contain("<option value=\"ManualUpload\" selected=\"selected\">Manual upload</option>");
        (await session.HtmlAsync($"/ui/incoming-feeds/{feed}")).Should().Contain($"href=\"/ui/incoming-feeds/edit/{feed}\" id=\"edit-feed\"");
        taken.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        Error(await taken.Content.ReadAsStringAsync(Ct), "Input.Name").Should().Be("A feed named &#x27;intel poll&#x27; already exists.");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        saved.Headers.Location!.ToString().Should().Be($"/ui/incoming-feeds/{feed}");
        var stored = await app.GetIncomingFeedAsync(feed);
        stored.Name.Should().Be("ui form edited");
        stored.Enabled.Should().BeFalse();
        (await reader.GetAsync($"/ui/incoming-feeds/edit/{feed}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reader.HtmlAsync($"/ui/incoming-feeds/{feed}")).Should().NotContain("id=\"edit-feed\"");
        (await reader.HtmlAsync("/ui/incoming-feeds")).Should().NotContain("id=\"new-feed\"");
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
