using FluentAssertions;
using OpenQA.Selenium;

namespace Taxii.Server.Tests.Ui;

/// <summary>The collection pages in a real headless chromium: from the side navigation to a new collection in the list.</summary>
public sealed class UiCollectionBrowserTests(UiFactory app) : IClassFixture<UiFactory>
{
    [Fact]
    public void An_administrator_creates_a_collection_from_the_form_and_finds_it_in_the_list()
    {
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(UiFactory.AdminName, UiFactory.Password);

        browser.Driver.FindElement(By.CssSelector("nav.side a[href='/ui/settings/collections']")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("collections")).Count == 1);
        browser.Screenshot("collections");
        browser.Driver.FindElement(By.Id("new-collection")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui/settings/collections/new");
        browser.Driver.FindElement(By.Id("Input_Name")).SendKeys("urn:browser:made");
        browser.Driver.FindElement(By.Id("Input_Description")).SendKeys("Typed in chromium");
        browser.Driver.FindElement(By.Id("Input_ContentBindings")).SendKeys("urn:stix.mitre.org:xml:1.1.1");
        browser.Screenshot("collection-new");
        browser.Driver.FindElement(By.CssSelector("form.form button[type=submit]")).Click();

        browser.Wait.Until(d => d.FindElements(By.Id("collection-name")).Count == 1);
        browser.Driver.FindElement(By.Id("collection-name")).Text.Should().Be("urn:browser:made");
        browser.Driver.FindElement(By.Id("configuration")).Text.Should().Contain("Typed in chromium").And.Contain("urn:stix.mitre.org:xml:1.1.1");
        browser.Screenshot("collection");
        browser.Driver.FindElement(By.CssSelector("p.crumbs a[href='/ui/settings/collections']")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("collections")).Count == 1);
        browser.Driver.FindElements(By.CssSelector("#collections td[data-column='name'] a")).Select(a => a.Text)
            .Should().Contain("urn:browser:made");
        browser.Driver.FindElement(By.CssSelector("nav.side a[aria-current='page']")).Text.Should().Be("Collections");
    }

    [Fact]
    public void A_refused_name_is_shown_beside_the_field()
    {
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(UiFactory.AdminName, UiFactory.Password);
        browser.Open("/ui/settings/collections/new");

        browser.Driver.FindElement(By.Id("Input_Name")).SendKeys("ui-collection-1");
        browser.Driver.FindElement(By.CssSelector("form.form button[type=submit]")).Click();

        browser.Wait.Until(d => d.FindElements(By.Id("name-error")).Count == 1 && d.FindElement(By.Id("name-error")).Text.Length > 0);
        browser.Driver.FindElement(By.Id("name-error")).Text.Should().Be("A collection named 'ui-collection-1' already exists.");
        browser.Screenshot("collection-conflict");
    }
}
