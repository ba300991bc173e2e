using FluentAssertions;
using OpenQA.Selenium;

namespace Taxii.Server.Tests.Ui;

/// <summary>The web UI in a real headless chromium: sign in, the side navigation, sorting, row clicks and the More menu.</summary>
public sealed class UiBrowserTests(UiFactory app) : IClassFixture<UiFactory>
{
    [Fact]
    public async Task An_administrator_navigates_to_the_taxii_view_and_sorts_every_column_both_ways()
    {
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(UiFactory.AdminName, UiFactory.Password);
        browser.Screenshot("home");

        browser.Driver.FindElement(By.CssSelector("nav.side a[href='/ui/settings/taxii']")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("services")).Count == 1);
        browser.Path.Should().Be("/ui/settings/taxii");
        browser.Screenshot("taxii");

        // by path, ascending, until a header is clicked; so path comes last, when a click sorts it ascending again
        browser.Driver.FindElement(By.CssSelector("th[data-column='path']")).GetAttribute("aria-sort").Should().Be("ascending");
        foreach (var column in ServiceOrder.Columns.Skip(1).Append(ServiceOrder.Columns[0]))
        {
            foreach (var descending in new[] { false, true })
            {
                var before = browser.Driver.Url;
                browser.Driver.FindElement(By.CssSelector($"th[data-column='{column}'] a")).Click();
                browser.Wait.Until(d => d.Url != before);
                var header = browser.Driver.FindElement(By.CssSelector($"th[data-column='{column}']"));

                header.GetAttribute("aria-sort").Should().Be(descending ? "descending" : "ascending", column);
                header.Text.Should().EndWith(descending ? "▼" : "▲");
                RowIds(browser).Should().Equal(await ServiceOrder.ExpectedAsync(app.Services, column, descending), $"{column} {(descending ? "descending" : "ascending")}");
            }
        }

        // the order is in the address: a reload keeps it
        var sorted = RowIds(browser);
        browser.Driver.Navigate().Refresh();
        RowIds(browser).Should().Equal(sorted);
    }

    [Fact]
    public void A_service_opens_by_a_click_on_its_row_and_by_more_then_view()
    {
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(UiFactory.AdminName, UiFactory.Password);
        browser.Open("/ui/settings/taxii?sort=path&dir=asc");
        var row = browser.Driver.FindElement(By.CssSelector("tr[data-href]"));
        var id = row.GetAttribute("data-id");

        row.FindElement(By.CssSelector("td[data-column='type']")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == $"/ui/settings/taxii/{id}");
        browser.Driver.FindElement(By.Id("service-path")).Text.Should().StartWith("/");
        browser.Screenshot("service");

        browser.Driver.Navigate().Back();
        var button = browser.Wait.Until(d => d.FindElement(By.Id($"more-{id}")));
        button.Click();
        var menu = browser.Driver.FindElement(By.Id($"menu-{id}"));
        menu.Displayed.Should().BeTrue();
        button.GetAttribute("aria-expanded").Should().Be("true");
        menu.FindElements(By.CssSelector("[role=menuitem]")).Select(i => i.Text).Should().Equal("View", "Edit", "Delete");
        browser.Screenshot("taxii-more-menu");
        menu.FindElement(By.LinkText("View")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == $"/ui/settings/taxii/{id}");

        browser.Open($"/ui/settings/taxii/{id}/edit");
        browser.Screenshot("service-edit");
        browser.Open($"/ui/settings/taxii/{id}/delete");
        browser.Screenshot("service-delete");
    }

    [Fact]
    public void The_more_menu_works_from_the_keyboard()
    {
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(UiFactory.AdminName, UiFactory.Password);
        browser.Open("/ui/settings/taxii");
        var button = browser.Driver.FindElement(By.CssSelector(".menu-button"));
        var menu = browser.Driver.FindElement(By.Id(button.GetAttribute("aria-controls")!));
        var items = menu.FindElements(By.CssSelector("[role=menuitem]"));

        button.SendKeys(Keys.Enter);
        menu.Displayed.Should().BeTrue("Enter opens the menu");
        Focused(browser).Should().Be(items[0], "focus moves to the first item");
        Focused(browser).SendKeys(Keys.ArrowDown);
        Focused(browser).Should().Be(items[1]);
        Focused(browser).SendKeys(Keys.ArrowUp);
        Focused(browser).SendKeys(Keys.ArrowUp);
        Focused(browser).Should().Be(items[^1], "arrows wrap around");
        Focused(browser).SendKeys(Keys.Escape);
        menu.Displayed.Should().BeFalse("Escape closes it");
        Focused(browser).Should().Be(button, "and gives focus back to the button");

        button.SendKeys(Keys.Space);
        menu.Displayed.Should().BeTrue("Space opens it too");
        Focused(browser).SendKeys(Keys.Enter);
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath.StartsWith("/ui/settings/taxii/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_user_without_permissions_sees_no_section()
    {
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(UiFactory.NobodyName, UiFactory.Password);

        browser.Driver.FindElements(By.CssSelector("nav.side a")).Should().BeEmpty();
        browser.Open("/ui/settings/taxii");
        browser.Driver.FindElements(By.Id("services")).Should().BeEmpty();
    }

    private static IWebElement Focused(UiBrowser browser) => browser.Driver.SwitchTo().ActiveElement();

    private static List<int> RowIds(UiBrowser browser) =>
        [.. browser.Driver.FindElements(By.CssSelector("tr[data-id]")).Select(r => int.Parse(r.GetAttribute("data-id")!, System.Globalization.CultureInfo.InvariantCulture))];
}
