using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Feeds;
using Taxii.Feeds.Publishing;
using Taxii.Persistence;
using Taxii.Server.Ui.OutgoingFeedsView;

namespace Taxii.Server.Tests.Ui;

/// <summary>Data configuration › Outgoing feeds over real HTTP: list, feed page, run now, enable/disable, create, edit, delete, permissions.</summary>
public sealed partial class OutgoingFeedPageTests(OutgoingFeedUiFactory app) : IClassFixture<OutgoingFeedUiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> CreateFeedAsync(string name, string transport = """{"type":"http-download"}""", string extra = "") =>
        await app.Api().CreateFeedAsync($$"""{"name":"{{name}}","datasetIds":[{{app.DatasetId}}],"transport":{{transport}},"contentType":"plain-text","updateStrategy":"replace"{{extra}}}""");

    private async Task<UiSession> AdminAsync()
    {
        var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        return session;
    }

    [Fact]
    public async Task The_list_shows_each_feeds_transport_content_schedule_enabled_and_last_run()
    {
        var ran = await CreateFeedAsync("A list-ran", extra: ""","intervalMinutes":30""");
        var never = await CreateFeedAsync("A list-never", $$"""{"type":"mount-point","directory":"{{app.PushDirectory}}"}""", ""","enabled":false""");
        (await app.Api().RunAsync(ran)).GetProperty("status").GetString().Should().Be("succeeded");
        using var session = await AdminAsync();

        var home = await session.HtmlAsync("/ui");
        // 25 a page and other tests add feeds: sorted by name, "A …" comes first (byte order)
        var list = await session.HtmlAsync("/ui/data/outgoing-feeds?sort=name");

        home.Should().Contain("href=\"/ui/data/outgoing-feeds\"").And.Contain("Data configuration");
        var ranRow = Row(list, ran);
        ranRow.Should().Contain("HTTP download").And.Contain("plain-text").And.Contain("*/30 * * * * (cron, UTC)")
            .And.Contain("data-column=\"enabled\">Yes").And.Contain("status-succeeded").And.MatchRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC");
        var neverRow = Row(list, never);
        neverRow.Should().Contain("Mount point").And.Contain("On demand").And.Contain("data-column=\"enabled\">No").And.Contain("never run");
        list.Should().Contain("href=\"/ui/data/outgoing-feeds/new\"");
    }

    [Fact]
    public async Task The_list_is_paged_by_25()
    {
        for (var i = 0; i < 26; i++)
        {
            await CreateFeedAsync($"paged-{i:00}");
        }

        using var session = await AdminAsync();
        var first = await session.HtmlAsync("/ui/data/outgoing-feeds");
        var next = NextLink().Match(first);
        next.Success.Should().BeTrue("more than 25 feeds exist");
        var second = await session.HtmlAsync(WebUtility.HtmlDecode(next.Groups[1].Value));

        var firstIds = RowIds(first);
        var secondIds = RowIds(second);
        firstIds.Should().HaveCount(25).And.BeInAscendingOrder();
        secondIds.Should().NotBeEmpty().And.NotIntersectWith(firstIds);
        secondIds.Min().Should().BeGreaterThan(firstIds.Max());
        second.Should().Contain("rel=\"first\"");
    }

    [Theory]
    [InlineData("name")]
    [InlineData("transport")]
    [InlineData("content-type")]
    [InlineData("schedule")]
    [InlineData("enabled")]
    [InlineData("last-run")]
    public async Task The_list_sorts_by_each_column_both_ways_across_its_pages_and_keeps_the_choice_in_the_address(string column)
    {
        var ran = await CreateFeedAsync($"Sorted {column} ran", extra: ""","schedule":"0 3 * * *" """);
        await app.Api().RunAsync(ran);
        await CreateFeedAsync($"sorted {column} mail", """{"type":"email","host":"127.0.0.1","port":2525,"security":"none","from":"feeds@taxii.example","recipients":["soc@example.org"]}""",
            ""","enabled":false""");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        // more than one page
        for (var i = await db.OutgoingFeeds.CountAsync(Ct); i <= 25; i++)
        {
            await CreateFeedAsync($"sorted {column} {i:00}");
        }

        using var session = await AdminAsync();
        var rows = await db.OutgoingFeeds.AsNoTracking()
            .Select(f => new SortRow(f.Id, f.Name, f.TransportType, f.ContentType, f.Schedule, f.Enabled, db.OutgoingFeedRuns.Where(r => r.FeedId == f.Id).Max(r => (DateTimeOffset?)r.QueuedAt)))
            .ToListAsync(Ct);
        Comparison<SortRow> compare = column switch
        {
            "name" => (a, b) => string.CompareOrdinal(a.Name, b.Name),
            "transport" => (a, b) => string.CompareOrdinal(OutgoingFeedLabels.Transport(a.Transport), OutgoingFeedLabels.Transport(b.Transport)),
            "content-type" => (a, b) => string.CompareOrdinal(OutgoingFeedLabels.Content(a.ContentType), OutgoingFeedLabels.Content(b.ContentType)),
            // PostgreSQL puts nulls (on demand) last when ascending
            "schedule" => (a, b) => a.Schedule is null || b.Schedule is null ? (a.Schedule is null).CompareTo(b.Schedule is null) : string.CompareOrdinal(a.Schedule, b.Schedule),
            "enabled" => (a, b) => a.Enabled.CompareTo(b.Enabled),
            _ => (a, b) => FeedListOrder.CompareNullsLast(a.LastRun, b.LastRun),
        };

        foreach (var descending in new[] { false, true })
        {
            var address = $"/ui/data/outgoing-feeds?sort={column}&dir={(descending ? "desc" : "asc")}";
            var first = await session.HtmlAsync(address);
            var shown = await FeedListOrder.ShownAsync(session, address);

            shown.Should().Equal(FeedListOrder.Expected(rows, r => r.Id, compare, descending), "{0} {1}", column, descending ? "descending" : "ascending");
            first.Should().Contain($"aria-sort=\"{(descending ? "descending" : "ascending")}\" data-column=\"{column}\"")
                .And.Contain($"href=\"/ui/data/outgoing-feeds?sort={column}&amp;dir={(descending ? "asc" : "desc")}\"")
                .And.Contain($"href=\"/ui/data/outgoing-feeds?sort={column}&amp;dir={(descending ? "desc" : "asc")}&amp;p=2\" rel=\"next\"", "the next page keeps the order");
        }
    }

    [Fact]
    public async Task The_feed_page_shows_configuration_sources_and_runs_with_counts_and_its_packages_download_through_the_ui()
    {
        var feed = await CreateFeedAsync("detail-feed");
        var run = await app.Api().RunAsync(feed);
        var runId = run.GetProperty("id").GetInt64();
        using var session = await AdminAsync();

        var page = await session.HtmlAsync($"/ui/data/outgoing-feeds/{feed}");

        page.Should().Contain("<h1 id=\"feed-name\">detail-feed</h1>").And.Contain("Replace (everything, every run)")
            .And.Contain(OutgoingFeedUiFactory.DatasetName).And.Contain("id=\"run-now\"");
        var row = Regex.Match(page, $"<tr data-run=\"{runId}\" data-status=\"succeeded\">(.*?)</tr>", RegexOptions.Singleline);
        row.Success.Should().BeTrue(page);
        row.Groups[1].Value.Should().Contain("<td data-count=\"entities\">3</td>").And.Contain("<td data-count=\"observables\">3</td>");
        page.Should().NotContain("data-refresh=", "no run is active");
        var link = $"/ui/data/outgoing-feeds/{feed}/runs/{runId}/packages/1";
        page.Should().Contain($"href=\"{link}\"");

        using var download = await session.GetAsync(link);
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Content.Headers.ContentDisposition.FileName.Should().EndWith(".txt");
        var lines = (await download.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().BeEquivalentTo(OutgoingFeedUiFactory.Addresses);
        // the REST address does not take the UI's cookie
        (await session.GetAsync($"/api/v1/outgoing-feeds/{feed}/runs/{runId}/packages/1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await session.GetAsync($"/ui/data/outgoing-feeds/{feed}/runs/{runId}/packages/9")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_queued_run_makes_the_page_refresh_its_runs_and_the_fragment_is_served()
    {
        var feed = await CreateFeedAsync("queued-feed");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // queued but never handed to a worker: it stays queued
            (await scope.ServiceProvider.GetRequiredService<FeedRunQueue>().QueueAsync(feed, FeedRunTrigger.Manual, enqueue: false, Ct)).Should().NotBeNull();
        }

        using var session = await AdminAsync();
        var page = await session.HtmlAsync($"/ui/data/outgoing-feeds/{feed}");
        var fragment = await session.HtmlAsync($"/ui/data/outgoing-feeds/{feed}?handler=runs");

        page.Should().Contain($"data-refresh=\"/ui/data/outgoing-feeds/{feed}?handler=runs\"").And.Contain("data-status=\"queued\"")
            .And.Contain("id=\"runs-active\"").And.Contain($"href=\"/ui/data/outgoing-feeds/{feed}\">reload the page</a>");
        fragment.Should().StartWith("<section id=\"runs\"").And.Contain("data-status=\"queued\"").And.NotContain("<html");
        var refused = await session.PostAsync($"/ui/data/outgoing-feeds/{feed}?handler=run", UiSession.Token(page));
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync(Ct)).Should().Contain("already has a run queued or running");
    }

    [Fact]
    public async Task Run_now_queues_a_run_through_the_shared_rules_and_a_disabled_feed_is_refused()
    {
        var feed = await CreateFeedAsync("run-now-feed");
        using var session = await AdminAsync();
        var page = await session.HtmlAsync($"/ui/data/outgoing-feeds/{feed}");

        var posted = await session.PostAsync($"/ui/data/outgoing-feeds/{feed}?handler=run", UiSession.Token(page));

        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        posted.Headers.Location!.ToString().Should().Be($"/ui/data/outgoing-feeds/{feed}");
        var runs = await app.Api().Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{feed}/runs", Ct);
        var run = runs.GetProperty("items").EnumerateArray().Single();
        run.GetProperty("trigger").GetString().Should().Be("manual");
        (await app.Api().WaitAsync(feed, run.GetProperty("id").GetInt64())).GetProperty("status").GetString().Should().Be("succeeded");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
                .AnyAsync(a => a.Action == "run" && a.Resource.StartsWith($"outgoing-feeds/{feed}/runs/") && a.UserName == UiFactory.AdminName, Ct)).Should().BeTrue();
        }

        var disabled = await CreateFeedAsync("run-now-disabled", extra: ""","enabled":false""");
        var disabledPage = await session.HtmlAsync($"/ui/data/outgoing-feeds/{disabled}");
        disabledPage.Should().MatchRegex("<button type=\"submit\" id=\"run-now\" disabled");
        var refused = await session.PostAsync($"/ui/data/outgoing-feeds/{disabled}?handler=run", UiSession.Token(disabledPage));
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync(Ct)).Should().Contain("is disabled: enable it to run it.");
    }

    [Fact]
    public async Task Disable_and_enable_switch_the_feed_and_its_schedule_and_are_audited()
    {
        var feed = await CreateFeedAsync("toggle-feed", extra: ""","schedule":"0 3 * * *" """);
        using var session = await AdminAsync();
        var page = await session.HtmlAsync($"/ui/data/outgoing-feeds/{feed}");
        page.Should().Contain(">Disable</button>");

        var disable = await session.PostAsync($"/ui/data/outgoing-feeds/{feed}?handler=disable", UiSession.Token(page));
        disable.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var off = await app.Api().Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{feed}", Ct);
        off.GetProperty("enabled").GetBoolean().Should().BeFalse();
        RecurringJobExists(feed).Should().BeFalse("a disabled feed has no schedule");
        var disabledPage = await session.HtmlAsync($"/ui/data/outgoing-feeds/{feed}");
        disabledPage.Should().Contain(">Enable</button>").And.Contain("<dd id=\"feed-enabled\">No</dd>");

        (await session.PostAsync($"/ui/data/outgoing-feeds/{feed}?handler=enable", UiSession.Token(disabledPage))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var on = await app.Api().Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{feed}", Ct);
        on.GetProperty("enabled").GetBoolean().Should().BeTrue();
        on.GetProperty("schedule").GetString().Should().Be("0 3 * * *");
        RecurringJobExists(feed).Should().BeTrue();
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .CountAsync(a => a.Action == "update" && a.Resource == $"outgoing-feeds/{feed}" && a.UserName == UiFactory.AdminName, Ct)).Should().Be(2);
    }

    [Fact]
    public async Task Creating_shows_the_shared_rules_errors_beside_their_fields_then_creates_the_feed()
    {
        using var session = await AdminAsync();
        var form = await session.HtmlAsync("/ui/data/outgoing-feeds/new");
        form.Should().Contain("data-transport=\"MountPoint\"").And.Contain("data-transport=\"Sftp\"").And.Contain("<label for=\"Input_MountPoint_Directory\">");

        var invalid = await session.PostAsync("/ui/data/outgoing-feeds/new", UiSession.Token(form),
            ("Input.Name", "created in the ui"), ("Input.Enabled", "true"), ("Input.ContentType", "PlainText"), ("Input.UpdateStrategy", "Replace"),
            ("Input.Schedule", "not a cron"), ("Input.TransportType", "MountPoint"), ("Input.MountPoint.Directory", "/etc"));
        var invalidHtml = await invalid.Content.ReadAsStringAsync(Ct);

        invalid.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        FieldError(invalidHtml, "sources-error").Should().Contain("give at least one source");
        FieldError(invalidHtml, "Input_MountPoint_Directory-error").Should().Contain("PushAllowedDirectories");
        FieldError(invalidHtml, "schedule-error").Should().NotBeEmpty();
        invalidHtml.Should().Contain("value=\"created in the ui\"");

        var directory = Path.Combine(app.PushDirectory, "created");
        Directory.CreateDirectory(directory);
        var valid = await session.PostAsync("/ui/data/outgoing-feeds/new", UiSession.Token(invalidHtml),
            ("Input.Name", "created in the ui"), ("Input.Enabled", "true"), ("Input.ContentType", "PlainText"), ("Input.UpdateStrategy", "Replace"),
            ("Input.IntervalMinutes", "15"), ("Input.DatasetIds", app.DatasetId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.TransportType", "MountPoint"), ("Input.MountPoint.Directory", directory), ("Input.Sftp.Host", "ignored.example"));

        valid.StatusCode.Should().Be(HttpStatusCode.Redirect, await valid.Content.ReadAsStringAsync(Ct));
        var id = int.Parse(valid.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var created = await app.Api().Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{id}", Ct);
        created.GetProperty("name").GetString().Should().Be("created in the ui");
        created.GetProperty("transport").GetProperty("type").GetString().Should().Be("mount-point");
        created.GetProperty("transport").GetProperty("directory").GetString().Should().Be(directory);
        created.GetProperty("transport").GetProperty("host").ValueKind.Should().Be(JsonValueKind.Null, "only the chosen transport's fieldset is read");
        created.GetProperty("schedule").GetString().Should().Be("*/15 * * * *");
        created.GetProperty("datasetIds").EnumerateArray().Select(d => d.GetInt32()).Should().Equal(app.DatasetId);

        // the same name again: the API's conflict, beside the name, with 409 as the API answers it
        var taken = await session.PostAsync("/ui/data/outgoing-feeds/new", UiSession.Token(invalidHtml),
            ("Input.Name", "created in the ui"), ("Input.Enabled", "true"), ("Input.ContentType", "PlainText"), ("Input.UpdateStrategy", "Replace"),
            ("Input.DatasetIds", app.DatasetId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.TransportType", "MountPoint"), ("Input.MountPoint.Directory", directory));
        taken.StatusCode.Should().Be(HttpStatusCode.Conflict);
        FieldError(await taken.Content.ReadAsStringAsync(Ct), "name-error").Should().Be("A feed named 'created in the ui' already exists.");
    }

    [Fact]
    public async Task The_filter_is_set_on_the_form_shown_again_on_edit_and_its_errors_are_at_their_fields()
    {
        var feed = await CreateFeedAsync("filtered");
        using var session = await AdminAsync();
        var path = $"/ui/data/outgoing-feeds/{feed}/edit";
        var form = await session.HtmlAsync(path);
        (string, string)[] fields =
        [
            ("Input.Name", "filtered"), ("Input.Enabled", "true"), ("Input.ContentType", "PlainText"), ("Input.UpdateStrategy", "Replace"),
            ("Input.DatasetIds", app.DatasetId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.TransportType", "HttpDownload"),
            ("Input.Filter.EntityTypes", "Indicator"), ("Input.Filter.EntityTypes", "ThreatActor"), ("Input.Filter.MaxTlp", "Amber"),
            ("Input.Filter.MinReliability", "B"), ("Input.Filter.ObservableKinds", "ipv4, Domain"), ("Input.Filter.MaxAgeHours", "48"),
        ];

        var badTime = await session.PostAsync(path, UiSession.Token(form), [.. fields, ("Input.Filter.From", "soon")]);
        var reversed = await session.PostAsync(path, UiSession.Token(form), [.. fields, ("Input.Filter.From", "2026-11-02T00:00"), ("Input.Filter.Until", "2026-11-01T00:00")]);
        var saved = await session.PostAsync(path, UiSession.Token(form), [.. fields, ("Input.Filter.From", "2026-11-01T00:00")]);
        var edit = await session.HtmlAsync(path);

        form.Should().Contain("<fieldset id=\"filter\">");
        badTime.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        FieldError(await badTime.Content.ReadAsStringAsync(Ct), "Input_Filter_From-error").Should().Contain("'soon' is not a time");
        reversed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        FieldError(await reversed.Content.ReadAsStringAsync(Ct), "Input_Filter_Until-error").Should().Be("until must not be before from");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync(Ct));
        await using var scope = app.Services.CreateAsyncScope();
        var filter = (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().OutgoingFeeds.AsNoTracking().SingleAsync(f => f.Id == feed, Ct)).Filter;
        filter.EntityTypes.Should().BeEquivalentTo([Core.Entities.EntityType.Indicator, Core.Entities.EntityType.ThreatActor]);
        filter.MaxTlp.Should().Be(Core.Entities.Tlp.Amber);
        filter.MinReliability.Should().Be('B');
        filter.ObservableKinds.Should().Equal("ipv4", "domain");
        filter.From.Should().Be(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        filter.Until.Should().BeNull();
        filter.MaxAge.Should().Be(TimeSpan.FromHours(48));
        edit.Should().Contain("value=\"Indicator\" checked=\"checked\"").And.Contain("value=\"ThreatActor\" checked=\"checked\"")
            .And.NotContain("value=\"Report\" checked").And.Contain("<option value=\"Amber\" selected=\"selected\">")
            .And.Contain("<option value=\"B\" selected=\"selected\">").And.Contain("value=\"ipv4, domain\"")
            .And.Contain("value=\"2026-11-01T00:00:00\"").And.Contain("value=\"48\"");
    }

    [Fact]
    public async Task Editing_never_shows_a_stored_secret_and_a_blank_one_keeps_it()
    {
        const string secret = "ftp-secret-password-1";
        var feed = await CreateFeedAsync("edit-ftp", $$"""{"type":"ftp","host":"ftp.example","username":"u","password":"{{secret}}","remoteDirectory":"/in"}""");
        using var session = await AdminAsync();

        var form = await session.HtmlAsync($"/ui/data/outgoing-feeds/{feed}/edit");

        form.Should().NotContain(secret).And.Contain("value=\"ftp.example\"").And.Contain("One is stored: leave blank to keep it.");
        var saved = await session.PostAsync($"/ui/data/outgoing-feeds/{feed}/edit", UiSession.Token(form),
            ("Input.Name", "edit-ftp renamed"), ("Input.Enabled", "true"), ("Input.ContentType", "PlainText"), ("Input.UpdateStrategy", "Replace"),
            ("Input.DatasetIds", app.DatasetId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.TransportType", "Ftp"),
            ("Input.Ftp.Host", "ftp.example"), ("Input.Ftp.Username", "u"), ("Input.Ftp.Password", ""), ("Input.Ftp.RemoteDirectory", "/in"), ("Input.Ftp.TlsMode", "explicit"));

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync(Ct));
        var after = await app.Api().Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{feed}", Ct);
        after.GetProperty("name").GetString().Should().Be("edit-ftp renamed");
        after.GetProperty("transport").GetProperty("hasPassword").GetBoolean().Should().BeTrue();
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().OutgoingFeeds.AsNoTracking().SingleAsync(f => f.Id == feed, Ct);
        stored.Transport.ProtectedPassword.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_ticked_remove_box_removes_a_stored_secret_as_the_apis_empty_string_does()
    {
        const string mail = """{"type":"email","host":"127.0.0.1","port":2525,"security":"none","from":"feeds@taxii.example","recipients":["soc@example.org"]""";
        var feed = await CreateFeedAsync("remove-secret", mail + ""","username":"u","password":"mail-secret-2"}""");
        var plain = await CreateFeedAsync("no-secret", mail + "}");
        using var session = await AdminAsync();

        var form = await session.HtmlAsync($"/ui/data/outgoing-feeds/{feed}/edit");
        var plainForm = await session.HtmlAsync($"/ui/data/outgoing-feeds/{plain}/edit");
        (string, string)[] fields =
        [
            ("Input.Name", "remove-secret"), ("Input.Enabled", "true"), ("Input.ContentType", "PlainText"), ("Input.UpdateStrategy", "Replace"),
            ("Input.DatasetIds", app.DatasetId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.TransportType", "Email"),
            ("Input.Email.Host", "127.0.0.1"), ("Input.Email.Port", "2525"), ("Input.Email.Security", "none"), ("Input.Email.From", "feeds@taxii.example"),
            ("Input.Email.Recipients", "soc@example.org"), ("Input.Email.Username", "u"), ("Input.Email.Password", ""),
        ];
        var kept = await session.PostAsync($"/ui/data/outgoing-feeds/{feed}/edit", UiSession.Token(form), fields);
        var keptPassword = (await app.Api().Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{feed}", Ct)).GetProperty("transport").GetProperty("hasPassword").GetBoolean();
        var removed = await session.PostAsync($"/ui/data/outgoing-feeds/{feed}/edit", UiSession.Token(form), [.. fields, ("Input.Email.RemovePassword", "true")]);

        form.Should().NotContain("mail-secret-2")
            .And.Contain("<input type=\"checkbox\" id=\"Input_Email_RemovePassword\" name=\"Input.Email.RemovePassword\" value=\"true\"> Remove the stored password</label>");
        plainForm.Should().NotContain("Input.Email.RemovePassword", "nothing is stored to remove");
        kept.StatusCode.Should().Be(HttpStatusCode.Redirect, await kept.Content.ReadAsStringAsync(Ct));
        keptPassword.Should().BeTrue("blank keeps the stored password");
        removed.StatusCode.Should().Be(HttpStatusCode.Redirect, await removed.Content.ReadAsStringAsync(Ct));
        var after = await app.Api().Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{feed}", Ct);
        after.GetProperty("transport").GetProperty("hasPassword").GetBoolean().Should().BeFalse();
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().OutgoingFeeds.AsNoTracking().SingleAsync(f => f.Id == feed, Ct))
            .Transport.ProtectedPassword.Should().BeNull();
    }

    [Fact]
    public async Task Deleting_asks_first_then_removes_the_feed()
    {
        var feed = await CreateFeedAsync("delete-feed");
        using var session = await AdminAsync();

        var confirm = await session.HtmlAsync($"/ui/data/outgoing-feeds/{feed}/delete");
        (await app.Api().Client.GetAsync($"/api/v1/outgoing-feeds/{feed}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK, "showing the confirmation deletes nothing");
        var deleted = await session.PostAsync($"/ui/data/outgoing-feeds/{feed}/delete", UiSession.Token(confirm));

        confirm.Should().Contain("Delete delete-feed?");
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        deleted.Headers.Location!.ToString().Should().Be("/ui/data/outgoing-feeds");
        (await app.Api().Client.GetAsync($"/api/v1/outgoing-feeds/{feed}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_user_without_read_outgoing_feeds_sees_no_section_and_gets_403()
    {
        var feed = await CreateFeedAsync("forbidden-feed");
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.NobodyName);

        var home = await session.HtmlAsync("/ui");

        home.Should().NotContain("/ui/data/outgoing-feeds").And.NotContain("Data configuration");
        await session.HtmlAsync("/ui/data/outgoing-feeds", HttpStatusCode.Forbidden);
        await session.HtmlAsync($"/ui/data/outgoing-feeds/{feed}", HttpStatusCode.Forbidden);
        await session.HtmlAsync("/ui/data/outgoing-feeds/new", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_reader_sees_the_list_without_modify_buttons_and_cannot_post_actions()
    {
        var feed = await CreateFeedAsync("reader-feed");
        using var session = app.Session();
        await session.SignInOkAsync(OutgoingFeedUiFactory.FeedReaderName);

        var list = await session.HtmlAsync("/ui/data/outgoing-feeds");
        list.Should().NotContain("/ui/data/outgoing-feeds/new");
        var token = UiSession.Token(await session.HtmlAsync("/ui"));
        (await session.PostAsync($"/ui/data/outgoing-feeds/{feed}?handler=run", token)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await session.PostAsync($"/ui/data/outgoing-feeds/{feed}?handler=disable", token)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await session.HtmlAsync($"/ui/data/outgoing-feeds/{feed}/edit", HttpStatusCode.Forbidden);
        await session.HtmlAsync($"/ui/data/outgoing-feeds/{feed}/delete", HttpStatusCode.Forbidden);
        (await app.Api().Client.GetFromJsonAsync<JsonElement>($"/api/v1/outgoing-feeds/{feed}", Ct)).GetProperty("enabled").GetBoolean().Should().BeTrue();
    }

    private bool RecurringJobExists(int feed)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Any(j => j.Id == $"outgoing-feed-{feed}");
    }

    private static string Row(string html, int id) =>
        Regex.Match(html, $"<tr class=\"clickable\" data-href=\"/ui/data/outgoing-feeds/{id}\" data-id=\"{id}\">(.*?)</tr>", RegexOptions.Singleline) is { Success: true } m
            ? m.Groups[1].Value : throw new InvalidOperationException($"no row for feed {id}");

    private static List<int> RowIds(string html) =>
        [.. Regex.Matches(html, "<tr class=\"clickable\" data-href=\"[^\"]+\" data-id=\"(\\d+)\">").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    private static string FieldError(string html, string id) =>
        Regex.Match(html, $"id=\"{Regex.Escape(id)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"no element {id}");

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex NextLink();

    /// <summary>A feed as the list's columns sort it.</summary>
    private sealed record SortRow(int Id, string Name, OutgoingTransportType Transport, FeedContentType ContentType, string? Schedule, bool Enabled, DateTimeOffset? LastRun);
}
