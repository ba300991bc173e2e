using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using Taxii.Core.Feeds;
using Taxii.Persistence;
using Taxii.Testing;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// Incoming feeds and datasets in a real headless chromium: an upload through the form, a run refreshed while it runs,
/// the feed form with a client certificate file, an entity search.
/// </summary>
public sealed class IntelBrowserTests(IntelUiFactory app) : IClassFixture<IntelUiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_uploader_sends_a_stix_file_to_a_feed_and_sees_the_runs_counts()
    {
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(IntelUiFactory.UploaderName, UiFactory.Password);

        browser.Driver.FindElement(By.CssSelector("nav.side a[href='/ui/data/incoming-feeds']")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("incoming-feeds")).Count == 1);
        browser.Screenshot("incoming-feeds");
        browser.Driver.FindElement(By.CssSelector($"tr[data-id='{app.UploadFeedId}'] td[data-column='transport']")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == $"/ui/data/incoming-feeds/{app.UploadFeedId}");
        browser.Driver.FindElement(By.Id("upload-limit")).Text.Should().Contain("64 KiB");
        browser.Driver.FindElement(By.Id("upload-file")).SendKeys(ReferenceMaterial.Require(IntelPageTests.StixSample));
        browser.Screenshot("incoming-feed");
        browser.Driver.FindElement(By.CssSelector("#upload-form button[type=submit]")).Click();

        browser.Wait.Until(d => d.FindElements(By.Id("upload-outcome")).Count == 1);
        var run = (await app.GetIncomingRunsAsync(app.UploadFeedId)).Should().ContainSingle().Subject;
        browser.Path.Should().Be($"/ui/data/incoming-feeds/{app.UploadFeedId}?run={run.Id}");
        var outcome = browser.Driver.FindElement(By.Id("upload-outcome"));
        outcome.FindElement(By.CssSelector("[data-field=status]")).Text.Should().Be("Succeeded");
        outcome.FindElement(By.CssSelector("[data-field=stored]")).Text.Should().Be("1");
        outcome.FindElement(By.CssSelector("[data-field=skipped]")).Text.Should().Be("0");
        outcome.FindElement(By.CssSelector("[data-field=failed]")).Text.Should().Be("0");
        outcome.FindElement(By.CssSelector("[data-field=entities]")).Text.Should().StartWith($"{run.EntitiesCreated} / 0");
        browser.Driver.FindElement(By.CssSelector($"#run-{run.Id} [data-field=stored]")).Text.Should().Be("1");
        browser.Screenshot("incoming-feed-upload");
    }

    [Fact]
    public async Task A_running_run_is_refreshed_on_the_open_page_until_it_ends()
    {
        var feed = await app.AddIncomingFeedAsync(new IncomingFeed
        {
            Name = "intel browser running",
            DatasetId = app.DatasetId,
            TransportType = IncomingTransportType.MountPoint,
            Transport = new IncomingTransportSettings { Directory = "/srv/drop" },
        }, app.GroupId);
        long runId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var run = new IncomingFeedRun { FeedId = feed, Trigger = FeedRunTrigger.Schedule, Status = FeedRunStatus.Running, QueuedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow };
            db.IncomingFeedRuns.Add(run);
            await db.SaveChangesAsync(Ct);
            runId = run.Id;
        }

        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(IntelUiFactory.IntelReaderName, UiFactory.Password);
        browser.Open($"/ui/data/incoming-feeds/{feed}");
        browser.Driver.FindElement(By.Id($"run-{runId}")).GetAttribute("data-status").Should().Be("running");
        browser.Driver.FindElement(By.Id("run-active")).Text.Should().Contain("Reload");
        browser.Screenshot("incoming-feed-running");
        // a mark on this document: a reload would lose it
        browser.Driver.ExecuteScript("window.notReloaded = true;");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().IncomingFeedRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, FeedRunStatus.Succeeded).SetProperty(r => r.PackageCount, 4).SetProperty(r => r.EndedAt, DateTimeOffset.UtcNow), Ct);
        }

        // the runs are replaced every 2 seconds: an element found just before a replacement is stale, so look again
        browser.Wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        browser.Wait.Until(d => d.FindElement(By.Id($"run-{runId}")).GetAttribute("data-status") == "succeeded");
        browser.Driver.FindElement(By.CssSelector($"#run-{runId} [data-field=stored]")).Text.Should().Be("4");
        browser.Driver.FindElements(By.Id("run-active")).Should().BeEmpty();
        browser.Driver.ExecuteScript("return window.notReloaded === true;").Should().Be(true, "the runs were replaced in place");
    }

    [Fact]
    public async Task An_uploader_creates_a_poll_feed_with_a_client_certificate_file_an_interval_and_a_first_poll_time()
    {
        var certificate = Path.Combine(Path.GetTempPath(), $"taxii-ui-{Guid.NewGuid():N}.p12");
        await File.WriteAllBytesAsync(certificate, IntelFeedFormTests.ClientCertificate("p12-browser"), Ct);
        try
        {
            using var browser = UiBrowser.Start(app.Address("/"));
            browser.SignIn(IntelUiFactory.UploaderName, UiFactory.Password);
            browser.Open("/ui/data/incoming-feeds");
            browser.Driver.FindElement(By.Id("new-feed")).Click();
            browser.Wait.Until(d => d.FindElements(By.Id("feed-form")).Count == 1);
            browser.Path.Should().Be("/ui/data/incoming-feeds/new");

            // ui.js shows only the chosen transport's settings: none for a manual upload (the default), then the poll's
            Displayed("TaxiiPoll").Should().BeFalse();
            Displayed("MountPoint").Should().BeFalse();
            Displayed("TaxiiPoll MountPoint").Should().BeFalse("an upload feed has no schedule");
            browser.Driver.FindElement(By.CssSelector("#Input_TransportType option[value='MountPoint']")).Click();
            Displayed("MountPoint").Should().BeTrue();
            Displayed("TaxiiPoll TaxiiInbox").Should().BeFalse();

            browser.Driver.FindElement(By.Id("Input_Name")).SendKeys("browser poll");
            browser.Driver.FindElement(By.CssSelector($"#Input_DatasetId option[value='{app.DatasetId}']")).Click();
            browser.Driver.FindElement(By.CssSelector($"input[name='Input.GroupIds'][value='{app.GroupId}']")).Click();
            browser.Driver.FindElement(By.CssSelector("#Input_TransportType option[value='TaxiiPoll']")).Click();
            Displayed("TaxiiPoll").Should().BeTrue();
            Displayed("TaxiiPoll TaxiiInbox").Should().BeTrue();
            Displayed("TaxiiPoll MountPoint").Should().BeTrue();
            Displayed("MountPoint").Should().BeFalse();
            browser.Driver.FindElement(By.Id("Input_PollUrl")).SendKeys("https://intel.example/taxii/poll/");
            browser.Driver.FindElement(By.Id("Input_CollectionName")).SendKeys("remote");
            browser.Driver.FindElement(By.Id("Input_ClientCertificate")).SendKeys(certificate);
            browser.Driver.FindElement(By.Id("Input_ClientCertificatePassword")).SendKeys("p12-browser");
            // a datetime-local input's typing order follows the browser's locale: set its value as a form would hold it
            browser.Driver.ExecuteScript("document.getElementById('Input_InitialBegin').value = '2026-11-02T06:00:00';");
            browser.Driver.FindElement(By.CssSelector("#Input_ContentType option[value='Stix12']")).Click();
            browser.Driver.FindElement(By.Id("Input_IntervalMinutes")).SendKeys("15");
            browser.Driver.ExecuteScript("document.getElementById('Input_TransportType').scrollIntoView({ block: 'start' });");
            browser.Screenshot("incoming-feed-form");
            browser.Driver.FindElement(By.CssSelector("#feed-form button[type=submit]")).Click();

            browser.Wait.Until(d => d.FindElements(By.Id("feed-name")).Count == 1);
            browser.Driver.FindElement(By.Id("feed-name")).Text.Should().Be("browser poll");
            var id = int.Parse(browser.Path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
            browser.Driver.FindElement(By.Id("configuration")).Text.Should().Contain("Set (not shown)").And.Contain("2026-11-02 06:00:00 UTC");
            var feed = await app.GetIncomingFeedAsync(id);
            feed.Transport.ProtectedClientCertificate.Should().NotBeNullOrEmpty();
            feed.Transport.InitialBegin.Should().Be(new DateTimeOffset(2026, 11, 2, 6, 0, 0, TimeSpan.Zero));
            feed.Schedule.Should().Be("*/15 * * * *");

            bool Displayed(string transports) => browser.Driver.FindElement(By.CssSelector($"fieldset[data-transport='{transports}']")).Displayed;
        }
        finally
        {
            File.Delete(certificate);
        }
    }

    [Fact]
    public async Task A_reader_searches_a_datasets_entities_by_observable_value_and_opens_one()
    {
        var dataset = await app.AddDatasetAsync("intel browser search", app.GroupId);
        await IntelPageTests.AddEntitiesAsync(app, dataset, 30);
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(IntelUiFactory.IntelReaderName, UiFactory.Password);

        browser.Driver.FindElement(By.CssSelector("nav.side a[href='/ui/datasets']")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("datasets")).Count == 1);
        // sorted by name first; a click on "Updated" sorts by it, a second the other way, and a reload keeps it
        browser.Driver.FindElement(By.CssSelector("th[data-column='name']")).GetAttribute("aria-sort").Should().Be("ascending");
        browser.Driver.FindElement(By.CssSelector("th[data-column='updated'] a")).Click();
        browser.Wait.Until(d => d.FindElement(By.CssSelector("th[data-column='updated']")).GetAttribute("aria-sort") == "ascending");
        browser.Driver.FindElement(By.CssSelector("th[data-column='updated'] a")).Click();
        browser.Wait.Until(d => d.FindElement(By.CssSelector("th[data-column='updated']")).GetAttribute("aria-sort") == "descending");
        browser.Driver.Navigate().Refresh();
        browser.Driver.FindElement(By.CssSelector("th[data-column='updated']")).Text.Should().Contain("▼");
        browser.Driver.FindElement(By.CssSelector("#datasets tbody tr")).GetAttribute("data-id").Should().Be($"{dataset}", "the newest update comes first");
        browser.Screenshot("datasets");
        browser.Driver.FindElement(By.CssSelector($"tr[data-id='{dataset}'] a")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("entities")).Count == 1);
        browser.Driver.FindElements(By.CssSelector("#entities tbody tr")).Should().HaveCount(25);
        browser.Driver.FindElement(By.Id("search-observable")).SendKeys("198.51.100.7");
        browser.Driver.FindElement(By.CssSelector("#entity-search button[type=submit]")).Click();

        browser.Wait.Until(d => d.Url.Contains("observable=198.51.100.7", StringComparison.Ordinal));
        var rows = browser.Driver.FindElements(By.CssSelector("#entities tbody tr"));
        rows.Should().ContainSingle().Which.Text.Should().Contain("Indicator 7").And.Contain("198.51.100.7");
        browser.Screenshot("dataset-search");
        rows[0].FindElement(By.CssSelector("td[data-column='type']")).Click();

        browser.Wait.Until(d => d.FindElements(By.Id("observables")).Count == 1);
        browser.Path.Should().MatchRegex($"^/ui/datasets/{dataset}/entities/[0-9]+$");
        browser.Driver.FindElement(By.Id("entity-title")).Text.Should().Be("Indicator 7");
        browser.Driver.FindElements(By.CssSelector("#observables tbody tr")).Select(r => r.Text).Should()
            .Equal("domain host7.example Unknown", "ipv4 198.51.100.7 High");
        browser.Driver.FindElement(By.Id("relations")).Text.Should().Contain("indicated-ttp").And.Contain("ui-ttp-1");
        browser.Screenshot("entity");
    }
}
