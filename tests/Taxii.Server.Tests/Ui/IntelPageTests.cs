using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Feeds;
using Taxii.Persistence;
using Taxii.Server.Ui.IncomingView;
using Taxii.Testing;

namespace Taxii.Server.Tests.Ui;

/// <summary>The incoming-feed and dataset pages over real HTTP: lists, a feed's runs, Run now, uploads, entity search.</summary>
public sealed partial class IntelPageTests(IntelUiFactory app) : IClassFixture<IntelUiFactory>
{
    /// <summary>A real STIX 1.2 package the TAXII tests also use: an IP watchlist of 10.0.0.0, 10.0.0.1 and 10.0.0.2.</summary>
    public const string StixSample = "samples/stix/1.2_cbtaxii_simple_ip_watchlist.xml";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_navigation_lists_incoming_feeds_and_datasets_by_permission()
    {
        using var reader = await SignedInAsync(IntelUiFactory.IntelReaderName);
        using var nobody = await SignedInAsync(UiFactory.NobodyName);

        var home = await reader.HtmlAsync("/ui");
        var empty = await nobody.HtmlAsync("/ui");

        home.Should().Contain("href=\"/ui/data/incoming-feeds\"").And.Contain("href=\"/ui/datasets\"")
            .And.Contain("<h2>Data configuration</h2>").And.Contain("<h2>Intelligence</h2>");
        empty.Should().NotContain("href=\"/ui/data/incoming-feeds\"").And.NotContain("href=\"/ui/datasets\"");
        (await nobody.GetAsync("/ui/data/incoming-feeds")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.GetAsync($"/ui/data/incoming-feeds/{app.UploadFeedId}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.GetAsync("/ui/datasets")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.GetAsync($"/ui/datasets/{app.DatasetId}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_feed_list_shows_each_feeds_settings_and_last_run_and_pages_by_25()
    {
        await AddRunAsync(app.PollFeedId, FeedRunStatus.Failed, error: "could not connect");
        using var session = await SignedInAsync(IntelUiFactory.IntelReaderName);

        var first = await session.HtmlAsync("/ui/data/incoming-feeds");
        var next = Regex.Match(first, "href=\"(/ui/data/incoming-feeds\\?p=2)\" rel=\"next\"").Groups[1].Value;
        var second = await session.HtmlAsync(next);

        Rows(first).Should().HaveCount(25);
        Rows(second).Should().NotBeEmpty("3 + {0} feeds are seeded", IntelUiFactory.ExtraFeeds);
        Rows(first).Concat(Rows(second)).Should().OnlyHaveUniqueItems();
        var poll = Row(first, app.PollFeedId);
        poll.Should().Contain(">intel poll</a>").And.Contain(">TAXII poll<").And.Contain(">STIX 1.2<").And.Contain(">intel shared<")
            .And.Contain("status-failed\">Failed<");
        Row(first, app.UploadFeedId).Should().Contain(">Manual upload<").And.Contain(">Detected per package<").And.Contain("Never run");
        Row(first, app.DisabledFeedId).Should().Contain("data-column=\"enabled\">No<");
        // other tests of the class add feeds, so a third page may follow
        second.Should().Contain("href=\"/ui/data/incoming-feeds\" rel=\"first\">First page</a>");
    }

    [Theory]
    [InlineData("name")]
    [InlineData("transport")]
    [InlineData("content-type")]
    [InlineData("dataset")]
    [InlineData("enabled")]
    [InlineData("last-run")]
    public async Task The_feed_list_sorts_by_each_column_both_ways_across_its_pages_and_keeps_the_choice_in_the_address(string column)
    {
        await AddRunAsync(await AddFeedAsync($"sort {column} ran", IncomingTransportType.MountPoint), FeedRunStatus.Succeeded, stored: 1);
        await AddRunAsync(await AddFeedAsync($"Sort {column} failed", IncomingTransportType.TaxiiPoll), FeedRunStatus.Failed, error: "sorted");
        using var session = await SignedInAsync(UiFactory.AdminName);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var rows = await db.IncomingFeeds.AsNoTracking()
            .Select(f => new SortRow(f.Id, f.Name, f.TransportType, f.ContentType, f.Dataset!.Name, f.Enabled, db.IncomingFeedRuns.Where(r => r.FeedId == f.Id).Max(r => (DateTimeOffset?)r.QueuedAt)))
            .ToListAsync(Ct);
        Comparison<SortRow> compare = column switch
        {
            "name" => (a, b) => string.CompareOrdinal(a.Name, b.Name),
            "transport" => (a, b) => string.CompareOrdinal(IntelLabels.Transport(a.Transport), IntelLabels.Transport(b.Transport)),
            "content-type" => (a, b) => string.CompareOrdinal(IntelLabels.ContentType(a.ContentType), IntelLabels.ContentType(b.ContentType)),
            "dataset" => (a, b) => string.CompareOrdinal(a.Dataset, b.Dataset),
            "enabled" => (a, b) => a.Enabled.CompareTo(b.Enabled),
            _ => (a, b) => FeedListOrder.CompareNullsLast(a.LastRun, b.LastRun),
        };

        foreach (var descending in new[] { false, true })
        {
            var address = $"/ui/data/incoming-feeds?sort={column}&dir={(descending ? "desc" : "asc")}";
            var first = await session.HtmlAsync(address);
            var shown = await FeedListOrder.ShownAsync(session, address);

            shown.Should().Equal(FeedListOrder.Expected(rows, r => r.Id, compare, descending), "{0} {1}", column, descending ? "descending" : "ascending");
            first.Should().Contain($"aria-sort=\"{(descending ? "descending" : "ascending")}\" data-column=\"{column}\"")
                .And.Contain($"href=\"/ui/data/incoming-feeds?sort={column}&amp;dir={(descending ? "asc" : "desc")}\"")
                .And.Contain($"href=\"/ui/data/incoming-feeds?sort={column}&amp;dir={(descending ? "desc" : "asc")}&amp;p=2\" rel=\"next\"", "the next page keeps the order");
        }
    }

    [Fact]
    public async Task The_target_dataset_column_sorts_by_what_the_user_sees_not_by_the_names_of_datasets_hidden_from_them()
    {
        // a feed the reader sees, into a dataset they do not: its column shows "dataset <id>", not "zzz hidden …"
        var hidden = await app.AddDatasetAsync($"zzz hidden {Guid.NewGuid():N}");
        await AddFeedAsync("into a hidden dataset", IncomingTransportType.ManualUpload, hidden);
        using var session = await SignedInAsync(IntelUiFactory.IntelReaderName);

        foreach (var descending in new[] { false, true })
        {
            var shown = new List<string>();
            for (string? next = $"/ui/data/incoming-feeds?sort=dataset&dir={(descending ? "desc" : "asc")}"; next is not null;)
            {
                var html = await session.HtmlAsync(next);
                shown.AddRange(DatasetCells().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
                var link = Regex.Match(html, "<a href=\"([^\"]+)\" rel=\"next\">");
                next = link.Success ? WebUtility.HtmlDecode(link.Groups[1].Value) : null;
            }

            shown.Should().Contain($"dataset {hidden}").And.NotContain(d => d.StartsWith("zzz", StringComparison.Ordinal));
            var sorted = shown.Order(StringComparer.Ordinal).ToList();
            shown.Should().Equal(descending ? Enumerable.Reverse(sorted) : sorted, "sorted {0} by the text shown", descending ? "descending" : "ascending");
        }
    }

    [Fact]
    public async Task A_feeds_page_shows_its_configuration_and_its_runs_with_counts_and_package_errors_paged()
    {
        var feed = await AddFeedAsync("history", IncomingTransportType.MountPoint);
        for (var i = 0; i < 21; i++)
        {
            await AddRunAsync(feed, FeedRunStatus.Succeeded, stored: i);
        }

        var failed = await AddRunAsync(feed, FeedRunStatus.Failed, stored: 2, failedPackages: 1, error: "one package failed",
            packageError: ("drop/bad.xml", "not valid STIX: unexpected end of file"));
        using var session = await SignedInAsync(IntelUiFactory.IntelReaderName);

        var page = await session.HtmlAsync($"/ui/data/incoming-feeds/{feed}");
        var older = await session.HtmlAsync($"/ui/data/incoming-feeds/{feed}?before=" + Regex.Match(page, "\\?before=([0-9]+)\" rel=\"next\"").Groups[1].Value);

        page.Should().Contain("<h1 id=\"feed-name\">intel history</h1>").And.Contain(">Mount point<").And.Contain("<dt>Directory</dt><dd>/srv/drop</dd>")
            .And.Contain("*.xml").And.Contain(">intel shared</a>");
        Regex.Matches(page, "<tr id=\"run-[0-9]+\" ").Should().HaveCount(FeedModelRunsPerPage);
        page.Should().Contain($"<tr id=\"run-{failed}\" data-status=\"failed\">");
        var errors = page[page.IndexOf($"id=\"run-{failed}-errors\"", StringComparison.Ordinal)..];
        errors.Should().Contain("one package failed").And.Contain("<strong>drop/bad.xml</strong>: not valid STIX: unexpected end of file");
        Regex.Matches(older, "<tr id=\"run-[0-9]+\" ").Should().HaveCount(22 - FeedModelRunsPerPage);
        older.Should().Contain(">Newest runs</a>").And.NotContain("rel=\"next\"");
        page.Should().NotContain("data-refresh", "no run is active");
    }

    [Fact]
    public async Task A_running_run_marks_the_runs_for_refresh_and_offers_a_reload_link()
    {
        var feed = await AddFeedAsync("active", IncomingTransportType.TaxiiPoll);
        await AddRunAsync(feed, FeedRunStatus.Running);
        using var session = await SignedInAsync(IntelUiFactory.IntelReaderName);

        var page = await session.HtmlAsync($"/ui/data/incoming-feeds/{feed}");
        var fragment = await session.HtmlAsync($"/ui/data/incoming-feeds/{feed}?handler=runs");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().IncomingFeedRuns.Where(r => r.FeedId == feed)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, FeedRunStatus.Succeeded).SetProperty(r => r.EndedAt, DateTimeOffset.UtcNow), Ct);
        }

        var ended = await session.HtmlAsync($"/ui/data/incoming-feeds/{feed}?handler=runs");

        page.Should().Contain($"<section id=\"runs\" aria-labelledby=\"runs-title\" aria-live=\"polite\" data-refresh=\"/ui/data/incoming-feeds/{feed}?handler=runs\">")
            .And.Contain($"<a href=\"/ui/data/incoming-feeds/{feed}\">Reload</a>").And.Contain("status-running\">Running<");
        fragment.TrimStart().Should().StartWith("<section id=\"runs\"", "the fragment is the runs section alone").And.NotContain("<html").And.NotContain("<nav class=\"side")
            .And.Contain("data-refresh=").And.Contain("status-running\">Running<");
        ended.Should().NotContain("data-refresh").And.NotContain("id=\"run-active\"").And.Contain("status-succeeded\">Succeeded<");
        (await session.GetAsync($"/ui/data/incoming-feeds/{feed + 100000}?handler=runs")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Run_now_queues_a_run_for_the_uploader_refuses_a_second_and_is_neither_shown_nor_allowed_to_a_reader()
    {
        var feed = await AddFeedAsync("run now", IncomingTransportType.TaxiiPoll);
        using var uploader = await SignedInAsync(IntelUiFactory.UploaderName);
        using var reader = await SignedInAsync(IntelUiFactory.IntelReaderName);
        var readerPage = await reader.HtmlAsync($"/ui/data/incoming-feeds/{feed}");
        (await uploader.HtmlAsync($"/ui/data/incoming-feeds/{app.UploadFeedId}")).Should().NotContain(">Run now</button>", "an upload feed has nothing to fetch");
        var busy = await AddFeedAsync("busy", IncomingTransportType.TaxiiPoll);
        await AddRunAsync(busy, FeedRunStatus.Queued);

        var page = await uploader.HtmlAsync($"/ui/data/incoming-feeds/{feed}");
        var forbidden = await reader.PostAsync($"/ui/data/incoming-feeds/{feed}?handler=Run", UiSession.Token(readerPage));
        (await app.GetIncomingRunsAsync(feed)).Should().BeEmpty();
        var queued = await uploader.PostAsync($"/ui/data/incoming-feeds/{feed}?handler=Run", UiSession.Token(page));
        var second = await uploader.PostAsync($"/ui/data/incoming-feeds/{busy}?handler=Run", UiSession.Token(page));

        readerPage.Should().NotContain(">Run now</button>").And.NotContain("upload-form");
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        page.Should().Contain("<button type=\"submit\">Run now</button>");
        queued.StatusCode.Should().Be(HttpStatusCode.Redirect);
        queued.Headers.Location!.ToString().Should().Be($"/ui/data/incoming-feeds/{feed}");
        (await app.GetIncomingRunsAsync(feed)).Should().ContainSingle().Which.Trigger.Should().Be(FeedRunTrigger.Manual);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await second.Content.ReadAsStringAsync(Ct)).Should().Contain("id=\"run-refusal\"").And.Contain("already has a run queued or running");
        (await app.GetIncomingRunsAsync(busy)).Should().ContainSingle();
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .CountAsync(a => a.Action == "run" && a.Resource.StartsWith($"incoming-feeds/{feed}/runs/") && a.UserName == IntelUiFactory.UploaderName, Ct)).Should().Be(1);
    }

    [Fact]
    public async Task An_uploaded_stix_file_is_ingested_through_the_feed_and_the_run_is_shown()
    {
        var dataset = await app.AddDatasetAsync("intel upload target", app.GroupId);
        var feed = await AddFeedAsync("stix upload", IncomingTransportType.ManualUpload, dataset);
        using var session = await SignedInAsync(IntelUiFactory.UploaderName);
        var form = await session.HtmlAsync($"/ui/data/incoming-feeds/{feed}");

        var response = await UploadAsync(session, feed, await File.ReadAllBytesAsync(ReferenceMaterial.Require(StixSample), Ct), "watchlist.xml", UiSession.Token(form));

        form.Should().Contain($"action=\"/ui/data/incoming-feeds/{feed}/upload\"").And.Contain("enctype=\"multipart/form-data\"").And.Contain("<input type=\"file\" id=\"upload-file\" name=\"file\"")
            .And.Contain("At most 64 KiB (65,536 bytes)");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(Ct));
        var run = (await app.GetIncomingRunsAsync(feed)).Should().ContainSingle().Subject;
        run.Trigger.Should().Be(FeedRunTrigger.Upload);
        run.Status.Should().Be(FeedRunStatus.Succeeded);
        response.Headers.Location!.ToString().Should().Be($"/ui/data/incoming-feeds/{feed}?run={run.Id}#upload-outcome");
        var outcome = await session.HtmlAsync(response.Headers.Location!.ToString());
        outcome.Should().Contain($"Upload ingested: run {run.Id}").And.Contain("status-succeeded\" data-field=\"status\">Succeeded<")
            .And.Contain("<dd data-field=\"stored\">1</dd>").And.Contain($"<dd data-field=\"entities\">{run.EntitiesCreated} / 0 / 0 / 0</dd>");
        run.EntitiesCreated.Should().BePositive();
        (await app.ObservableValuesAsync(dataset)).Should().Contain(["10.0.0.0", "10.0.0.1", "10.0.0.2"]);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .AnyAsync(a => a.Action == "upload" && a.Resource == $"incoming-feeds/{feed}" && a.Details == "uploaded file watchlist.xml", Ct)).Should().BeTrue();
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_with_413_and_the_limit_at_the_field_and_nothing_is_recorded()
    {
        var dataset = await app.AddDatasetAsync("intel too large", app.GroupId);
        var feed = await AddFeedAsync("too large", IncomingTransportType.ManualUpload, dataset);
        using var session = await SignedInAsync(IntelUiFactory.UploaderName);
        var token = UiSession.Token(await session.HtmlAsync($"/ui/data/incoming-feeds/{feed}/upload"));
        var content = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 8000).Select(i => $"198.51.{i / 250}.{i % 250}\n")));
        content.LongLength.Should().BeGreaterThan(IntelUiFactory.UploadLimit);

        var response = await UploadAsync(session, feed, content, "big.txt", token);

        var html = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        html.Should().Contain("<span class=\"field-error\" id=\"upload-file-error\">The upload is larger than this server accepts (65536 bytes, Taxii:Limits:MaxUploadedBlobSize).</span>");
        (await app.GetIncomingRunsAsync(feed)).Should().BeEmpty();
        (await app.ObservableValuesAsync(dataset)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_malformed_file_is_refused_with_422_and_the_readers_reason_and_nothing_is_stored()
    {
        var dataset = await app.AddDatasetAsync("intel malformed", app.GroupId);
        var feed = await AddFeedAsync("malformed", IncomingTransportType.ManualUpload, dataset);
        using var session = await SignedInAsync(IntelUiFactory.UploaderName);
        var token = UiSession.Token(await session.HtmlAsync($"/ui/data/incoming-feeds/{feed}/upload"));
        var truncated = (await File.ReadAllBytesAsync(ReferenceMaterial.Require(StixSample), Ct))[..600];

        var response = await UploadAsync(session, feed, truncated, "truncated.xml", token, contentType: "stix-1.2");

        var html = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, html);
        html.Should().MatchRegex("id=\"upload-file-error\">The file was not ingested: not valid [^<]+</span>")
            .And.Contain("<option value=\"stix-1.2\" selected=\"selected\">STIX 1.2</option>", "the form keeps the choice");
        html.Should().Contain("<strong>uploaded file truncated.xml</strong>: not valid ");
        (await app.ObservableValuesAsync(dataset)).Should().BeEmpty();
        (await app.GetIncomingRunsAsync(feed)).Should().ContainSingle().Which.Status.Should().Be(FeedRunStatus.Failed, "as the API records it");
    }

    [Fact]
    public async Task An_upload_without_a_file_or_with_an_unknown_content_type_is_refused_at_its_field()
    {
        var feed = await AddFeedAsync("no file", IncomingTransportType.ManualUpload);
        using var session = await SignedInAsync(IntelUiFactory.UploaderName);
        var token = UiSession.Token(await session.HtmlAsync($"/ui/data/incoming-feeds/{feed}/upload"));

        var empty = await UploadAsync(session, feed, null, "", token);
        var unknown = await UploadAsync(session, feed, "10.0.0.1\n"u8.ToArray(), "list.txt", token, contentType: "pdf");

        empty.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await empty.Content.ReadAsStringAsync(Ct)).Should().Contain("id=\"upload-file-error\">Choose a file to upload.</span>");
        unknown.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await unknown.Content.ReadAsStringAsync(Ct)).Should().Contain("id=\"upload-content-type-error\">contentType must be one of stix-1.2, eclecticiq-json, csv, plain-text</span>");
        (await app.GetIncomingRunsAsync(feed)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_upload_needs_the_antiforgery_token_the_modify_permission_and_an_enabled_feed()
    {
        var feed = await AddFeedAsync("guarded", IncomingTransportType.ManualUpload);
        using var reader = await SignedInAsync(IntelUiFactory.IntelReaderName);
        using var uploader = await SignedInAsync(IntelUiFactory.UploaderName);
        var readerPage = await reader.HtmlAsync($"/ui/data/incoming-feeds/{feed}");
        var file = "10.0.0.9\n"u8.ToArray();

        var forged = await UploadAsync(uploader, feed, file, "list.txt", token: null);
        var forbidden = await UploadAsync(reader, feed, file, "list.txt", UiSession.Token(readerPage));
        var disabledPage = await uploader.HtmlAsync($"/ui/data/incoming-feeds/{app.DisabledFeedId}");
        var disabled = await UploadAsync(uploader, app.DisabledFeedId, file, "list.csv", UiSession.Token(disabledPage));

        readerPage.Should().NotContain("upload-form").And.NotContain("Upload a file");
        (await reader.GetAsync($"/ui/data/incoming-feeds/{feed}/upload")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        disabledPage.Should().Contain("id=\"upload-disabled\"").And.NotContain("upload-form");
        disabled.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await disabled.Content.ReadAsStringAsync(Ct)).Should().Contain("is disabled: enable it to upload to it.");
        (await app.GetIncomingRunsAsync(feed)).Should().BeEmpty();
        (await app.GetIncomingRunsAsync(app.DisabledFeedId)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_dataset_list_shows_the_users_datasets_and_pages_by_25()
    {
        for (var i = 0; i < 26; i++)
        {
            await app.AddDatasetAsync($"intel paged {i:00}", app.GroupId);
        }

        var foreign = await app.AddDatasetAsync("intel not shared");
        using var session = await SignedInAsync(IntelUiFactory.IntelReaderName);

        var first = await session.HtmlAsync("/ui/datasets?sort=id");
        var rest = await session.HtmlAsync(WebUtility.HtmlDecode(Regex.Match(first, "href=\"(/ui/datasets\\?sort=id&amp;dir=asc&amp;p=2)\" rel=\"next\"").Groups[1].Value));

        Rows(first).Should().HaveCount(25);
        Rows(first).Concat(Rows(rest)).Should().OnlyHaveUniqueItems().And.Contain(app.DatasetId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .And.NotContain(foreign.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Rows(first).Concat(Rows(rest)).Count().Should().BeGreaterThanOrEqualTo(27);
        (await session.GetAsync($"/ui/datasets/{foreign}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("id")]
    [InlineData("created")]
    [InlineData("updated")]
    public async Task The_dataset_list_filters_by_name_and_sorts_by_each_column_both_ways_across_its_pages_keeping_both_in_the_address(string column)
    {
        // names out of id order, some equal but for case, more than one page of them
        var prefix = $"dsort-{column}-";
        for (var i = 0; i < 27; i++)
        {
            await app.AddDatasetAsync($"{prefix}{(i * 7) % 27:00}{(i % 3 == 0 ? "B" : "a")}", app.GroupId);
        }

        await app.AddDatasetAsync($"{prefix}not shared");
        var other = await app.AddDatasetAsync($"dsort other {column}", app.GroupId);
        using var session = await SignedInAsync(IntelUiFactory.IntelReaderName);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var rows = await db.Datasets.AsNoTracking().Where(d => d.Name.StartsWith(prefix) && d.Name != $"{prefix}not shared")
            .Select(d => new DatasetSortRow(d.Id, d.Name, d.CreatedAt, d.UpdatedAt)).ToListAsync(Ct);
        Comparison<DatasetSortRow> compare = column switch
        {
            "name" => (a, b) => string.CompareOrdinal(a.Name, b.Name),
            "id" => (a, b) => a.Id.CompareTo(b.Id),
            "created" => (a, b) => a.Created.CompareTo(b.Created),
            _ => (a, b) => a.Updated.CompareTo(b.Updated),
        };

        foreach (var descending in new[] { false, true })
        {
            var dir = descending ? "desc" : "asc";
            var address = $"/ui/datasets?sort={column}&dir={dir}&name={prefix}";
            var first = await session.HtmlAsync(address);
            var shown = await FeedListOrder.ShownAsync(session, address);

            rows.Should().HaveCount(27);
            shown.Should().Equal(FeedListOrder.Expected(rows, r => r.Id, compare, descending), "{0} {1}", column, dir).And.NotContain(other);
            first.Should().Contain($"aria-sort=\"{(descending ? "descending" : "ascending")}\" data-column=\"{column}\"")
                .And.Contain($"href=\"/ui/datasets?sort={column}&amp;dir={(descending ? "asc" : "desc")}&amp;name={prefix}\"")
                .And.Contain($"href=\"/ui/datasets?sort={column}&amp;dir={dir}&amp;p=2&amp;name={prefix}\" rel=\"next\"", "the next page keeps the order and the filter")
                .And.Contain($"<input type=\"search\" id=\"name-filter\" name=\"name\" value=\"{prefix}\" />");
        }

        (await session.HtmlAsync("/ui/datasets?name=no-such-dataset")).Should().Contain("<p id=\"no-datasets\">No dataset shared with your groups has a name containing")
            .And.Contain("no-such-dataset").And.NotContain("<table class=\"grid\" id=\"datasets\">");
    }

    [Fact]
    public async Task Entities_are_searched_by_observable_type_and_time_and_paged_and_one_opens_with_its_observables_and_relations()
    {
        var dataset = await app.AddDatasetAsync("intel search", app.GroupId);
        await AddEntitiesAsync(dataset, 30);
        using var session = await SignedInAsync(IntelUiFactory.IntelReaderName);
        var self = $"/ui/datasets/{dataset}";

        var all = await session.HtmlAsync(self);
        var second = await session.HtmlAsync(WebUtility.HtmlDecode(Regex.Match(all, "href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value));
        var byValue = await session.HtmlAsync($"{self}?observable=198.51.100.7");
        var byType = await session.HtmlAsync($"{self}?type=threat-actor");
        var future = await session.HtmlAsync($"{self}?from={DateTimeOffset.UtcNow.AddDays(1):yyyy-MM-ddTHH:mm}");
        var recent = await session.HtmlAsync($"{self}?type=indicator&from={DateTimeOffset.UtcNow.AddDays(-1):yyyy-MM-ddTHH:mm}&to={DateTimeOffset.UtcNow.AddDays(1):yyyy-MM-ddTHH:mm}");
        var recentNext = WebUtility.HtmlDecode(Regex.Match(recent, "href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value);

        Rows(all).Should().HaveCount(25);
        Rows(second).Should().HaveCount(5);
        Rows(all).Intersect(Rows(second)).Should().BeEmpty();
        Rows(byValue).Should().ContainSingle();
        byValue.Should().Contain(">Indicator 7</a>").And.Contain("value=\"198.51.100.7\"");
        Rows(byType).Should().ContainSingle();
        byType.Should().Contain(">Threat actor<").And.Contain("<option value=\"threat-actor\" selected=\"selected\">Threat actor</option>");
        future.Should().Contain("id=\"no-entities\">No entities match.");
        Rows(recent).Should().HaveCount(25);
        recentNext.Should().Contain("type=indicator").And.Contain("from=").And.Contain("to=").And.Contain("after=");
        Rows(await session.HtmlAsync(recentNext)).Should().HaveCount(4, "29 of the 30 are indicators");

        var entity = Regex.Match(byValue, $"href=\"({self}/entities/[0-9]+)\"").Groups[1].Value;
        var detail = await session.HtmlAsync(entity);
        detail.Should().Contain("<h1 id=\"entity-title\">Indicator 7</h1>").And.Contain("<td>ipv4</td><td class=\"value\">198.51.100.7</td><td>High</td>")
            .And.Contain("<td>domain</td><td class=\"value\">host7.example</td>").And.Contain("<td>indicated-ttp</td><td><code>ui-ttp-1</code></td>")
            .And.Contain("<dt>TLP</dt><dd>Amber</dd>");
        (await session.GetAsync(entity.Replace($"/datasets/{dataset}/", $"/datasets/{app.DatasetId}/", StringComparison.Ordinal))).StatusCode
            .Should().Be(HttpStatusCode.NotFound, "an entity is found only under its own dataset");
    }

    [Fact]
    public async Task A_search_that_does_not_parse_answers_422_with_the_reason_at_its_field()
    {
        using var session = await SignedInAsync(IntelUiFactory.IntelReaderName);

        var badType = await session.HtmlAsync($"/ui/datasets/{app.DatasetId}?type=malware", HttpStatusCode.UnprocessableEntity);
        var badTime = await session.HtmlAsync($"/ui/datasets/{app.DatasetId}?to=yesterday", HttpStatusCode.UnprocessableEntity);

        badType.Should().Contain("id=\"search-type-error\">&#x27;malware&#x27; is not an entity type</span>").And.Contain("id=\"search-invalid\"");
        badTime.Should().Contain("id=\"search-to-error\">&#x27;yesterday&#x27; is not a time");
    }

    private const int FeedModelRunsPerPage = 20;

    private async Task<UiSession> SignedInAsync(string user)
    {
        var session = app.Session();
        await session.SignInOkAsync(user);
        return session;
    }

    private static async Task<HttpResponseMessage> UploadAsync(UiSession session, int feed, byte[]? content, string fileName, string? token, string contentType = "")
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
        return await session.Client.PostAsync($"/ui/data/incoming-feeds/{feed}/upload", form, Ct);
    }

    private async Task<int> AddFeedAsync(string name, IncomingTransportType transport, int? dataset = null) =>
        await app.AddIncomingFeedAsync(new IncomingFeed
        {
            Name = $"intel {name}",
            DatasetId = dataset ?? app.DatasetId,
            TransportType = transport,
            Transport = transport switch
            {
                IncomingTransportType.MountPoint => new IncomingTransportSettings { Directory = "/srv/drop", FilePattern = "*.xml" },
                IncomingTransportType.TaxiiPoll => new IncomingTransportSettings { PollUrl = "http://127.0.0.1:9/poll/", CollectionName = "remote", TaxiiVersion = "1.1" },
                _ => new IncomingTransportSettings(),
            },
        }, app.GroupId);

    private async Task<long> AddRunAsync(
        int feed, FeedRunStatus status, int stored = 0, int failedPackages = 0, string? error = null, (string Package, string Reason)? packageError = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var now = DateTimeOffset.UtcNow;
        var run = new IncomingFeedRun
        {
            FeedId = feed,
            Trigger = FeedRunTrigger.Schedule,
            Status = status,
            QueuedAt = now,
            StartedAt = now,
            EndedAt = status is FeedRunStatus.Running ? null : now,
            PackageCount = stored,
            FailedPackageCount = failedPackages,
            Error = error,
        };
        if (packageError is { } e)
        {
            run.Errors.Add(new IncomingFeedRunError { Package = e.Package, Reason = e.Reason });
        }

        db.IncomingFeedRuns.Add(run);
        await db.SaveChangesAsync(Ct);
        return run.Id;
    }

    /// <summary>Through the REST API: 29 indicators with an address and a host name, and a threat actor.</summary>
    internal static async Task AddEntitiesAsync(IntelUiFactory app, int dataset, int count)
    {
        using var api = app.CreateClient(UiFactory.AdminName, UiFactory.Password);
        var entities = Enumerable.Range(1, count - 1).Select(i => (object)new
        {
            type = "indicator",
            externalId = $"ui-indicator-{i}",
            title = $"Indicator {i}",
            tlp = "amber",
            observables = new object[] { new { kind = "ipv4", value = $"198.51.100.{i}", maliciousness = "high" }, new { kind = "domain", value = $"host{i}.example" } },
            relations = new object[] { new { type = "indicated-ttp", target = "ui-ttp-1" } },
        }).Append(new { type = "threat-actor", externalId = "ui-actor", title = "An actor" }).ToList();
        using var response = await api.PostAsJsonAsync($"/api/v1/datasets/{dataset}/entities", entities, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    private Task AddEntitiesAsync(int dataset, int count) => AddEntitiesAsync(app, dataset, count);

    /// <summary>The ids of the clickable rows of a page's table.</summary>
    private static List<string> Rows(string html) => [.. RowIds().Matches(html).Select(m => m.Groups[1].Value)];

    private static string Row(string html, int id)
    {
        var start = html.IndexOf($"data-id=\"{id}\"", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"row {id} is on the page");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<tr class=\"clickable\" data-href=\"[^\"]+\" data-id=\"([0-9]+)\">")]
    private static partial Regex RowIds();

    [GeneratedRegex("<td data-column=\"dataset\">([^<]*)</td>")]
    private static partial Regex DatasetCells();

    /// <summary>A dataset as the list's columns sort it.</summary>
    private sealed record DatasetSortRow(int Id, string Name, DateTimeOffset Created, DateTimeOffset Updated);

    /// <summary>A feed as the list's columns sort it.</summary>
    private sealed record SortRow(int Id, string Name, IncomingTransportType Transport, FeedContentType? ContentType, string Dataset, bool Enabled, DateTimeOffset? LastRun);
}
