using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;
using Taxii.Core.Feeds;
using Taxii.Feeds.Publishing;
using Taxii.Persistence;

namespace Taxii.Server.Tests.Ui;

/// <summary>The outgoing feed pages in a real headless chromium: create a feed, run it, watch the run end, download its package.</summary>
public sealed class OutgoingFeedBrowserTests(OutgoingFeedUiFactory app) : IClassFixture<OutgoingFeedUiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_creates_an_http_download_feed_runs_it_and_downloads_its_package()
    {
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(UiFactory.AdminName, UiFactory.Password);
        browser.Driver.FindElement(By.CssSelector("nav.side a[href='/ui/data/outgoing-feeds']")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui/data/outgoing-feeds");
        browser.Driver.FindElement(By.Id("new-feed")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui/data/outgoing-feeds/new");

        // ui.js shows only the chosen transport's settings
        Choose(browser, "Input_TransportType", "MountPoint");
        browser.Driver.FindElement(By.CssSelector("fieldset[data-transport='MountPoint']")).Displayed.Should().BeTrue();
        browser.Driver.FindElement(By.CssSelector("fieldset[data-transport='Sftp']")).Displayed.Should().BeFalse();
        browser.Driver.FindElement(By.Id("Input_Name")).SendKeys("browser download feed");
        browser.Driver.FindElement(By.Id("Input_Description")).SendKeys("Plain-text addresses of the test dataset");
        Choose(browser, "Input_ContentType", "PlainText");
        Choose(browser, "Input_UpdateStrategy", "Replace");
        browser.Driver.FindElement(By.CssSelector($"input[name='Input.DatasetIds'][value='{app.DatasetId}']")).Click();
        Choose(browser, "Input_TransportType", "HttpDownload");
        browser.Driver.FindElement(By.CssSelector("fieldset[data-transport='HttpDownload']")).Displayed.Should().BeTrue();
        browser.Driver.FindElement(By.CssSelector("fieldset[data-transport='MountPoint']")).Displayed.Should().BeFalse();
        browser.Driver.ExecuteScript("document.getElementById('Input_Enabled').scrollIntoView();");
        browser.Screenshot("outgoing-feed-form");
        browser.Driver.FindElement(By.CssSelector("form.feed-form button[type=submit]")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("feed-name")).Count == 1);
        browser.Driver.FindElement(By.Id("feed-name")).Text.Should().Be("browser download feed");
        var feedPath = browser.Path;

        browser.Driver.FindElement(By.Id("run-now")).Click();
        // no reload from here: the page shows the run queued or running, and ui.js refreshes it until it ends
        var wait = new WebDriverWait(browser.Driver, TimeSpan.FromSeconds(60));
        var row = wait.Until(d => d.FindElements(By.CssSelector("tr[data-run][data-status='succeeded'], tr[data-run][data-status='failed']")).FirstOrDefault());
        row!.GetAttribute("data-status").Should().Be("succeeded", row.Text);
        browser.Path.Should().Be(feedPath);
        row.FindElement(By.CssSelector("td[data-count='entities']")).Text.Should().Be("3");
        browser.Driver.ExecuteScript("document.getElementById('transport-settings').scrollIntoView();");
        browser.Screenshot("outgoing-feed");

        var link = row.FindElement(By.CssSelector("ul.packages a"));
        var href = link.GetAttribute("href")!;
        new Uri(href).AbsolutePath.Should().StartWith(feedPath + "/runs/");
        var cookie = browser.Driver.Manage().Cookies.GetCookieNamed("taxii-ui") ?? throw new InvalidOperationException("no session cookie");
        using var client = app.Client(handleCookies: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(href).PathAndQuery);
        request.Headers.Add("Cookie", $"taxii-ui={cookie.Value}");
        using var download = await client.SendAsync(request, Ct);
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().BeEquivalentTo(OutgoingFeedUiFactory.Addresses);

        browser.Driver.FindElement(By.CssSelector("p.crumbs a[href='/ui/data/outgoing-feeds']")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("outgoing-feeds")).Count == 1);
        browser.Driver.FindElement(By.CssSelector("#outgoing-feeds tbody")).Text.Should().Contain("browser download feed").And.Contain("succeeded");
        browser.Screenshot("outgoing-feeds");
    }

    [Fact]
    public async Task A_queued_run_is_shown_ended_without_a_reload()
    {
        var feed = await app.Api().CreateFeedAsync($$"""{"name":"browser queued","datasetIds":[{{app.DatasetId}}],"transport":{"type":"http-download"},"contentType":"plain-text"}""");
        long runId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // queued but not handed to a worker, so it is still queued when the page opens
            runId = (await scope.ServiceProvider.GetRequiredService<FeedRunQueue>().QueueAsync(feed, FeedRunTrigger.Manual, enqueue: false, Ct))!.Id;
        }

        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(UiFactory.AdminName, UiFactory.Password);
        browser.Open($"/ui/data/outgoing-feeds/{feed}");
        browser.Driver.FindElement(By.CssSelector($"tr[data-run='{runId}']")).GetAttribute("data-status").Should().Be("queued");
        browser.Driver.ExecuteScript("window.notReloaded = true;");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var run = await db.OutgoingFeedRuns.FindAsync([runId], Ct);
            run!.Status = FeedRunStatus.Failed;
            run.Error = "stopped by the test";
            run.EndedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(Ct);
        }

        browser.Wait.Until(d => d.FindElements(By.CssSelector($"tr[data-run='{runId}'][data-status='failed']")).Count == 1);
        browser.Driver.ExecuteScript("return window.notReloaded === true;").Should().Be(true, "the runs were refreshed in place");
        browser.Driver.FindElement(By.CssSelector($"tr[data-run='{runId}'] .run-error")).Text.Should().Be("stopped by the test");
        browser.Driver.FindElements(By.CssSelector("section[data-refresh]")).Should().BeEmpty("nothing is active any more");
    }

    private static void Choose(UiBrowser browser, string select, string value) =>
        browser.Driver.FindElement(By.CssSelector($"#{select} option[value='{value}']")).Click();
}
