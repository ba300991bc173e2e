using FluentAssertions;
using OpenQA.Selenium;

namespace Taxii.Server.Tests.Ui;

/// <summary>Users, groups, roles and My account in a real headless chromium: hidden sections, creating a user with a role and a group, a role and a group, an API token.</summary>
public sealed class AccessBrowserTests(AccessFactory app) : IClassFixture<AccessFactory>
{
    [Fact]
    public void A_user_without_permissions_sees_none_of_the_hidden_sections()
    {
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(UiFactory.NobodyName, UiFactory.Password);

        browser.Driver.FindElements(By.CssSelector("nav.side a")).Should().BeEmpty("no entry is open to everyone");
        browser.Driver.FindElements(By.CssSelector("nav.side h2")).Should().BeEmpty();
        browser.Driver.FindElement(By.CssSelector("header.top a.account")).Text.Should().Be("My account", "every signed-in user has an account page");
        foreach (var path in new[] { "/ui/access/users", "/ui/access/users/new" })
        {
            browser.Open(path);
            browser.Driver.FindElements(By.Id("users")).Should().BeEmpty(path);
            // the error page in the layout: the top bar's sign-out form, none in the page itself
            browser.Driver.FindElements(By.CssSelector("main form")).Should().BeEmpty(path);
            browser.Driver.FindElement(By.Id("error-title")).Text.Should().Be("Not allowed", path);
        }

        browser.Screenshot("access-forbidden");
    }

    [Fact]
    public void An_administrator_creates_a_user_and_gives_them_a_role_and_a_group()
    {
        var name = "ui-browser-" + Guid.NewGuid().ToString("N")[..6];
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(UiFactory.AdminName, UiFactory.Password);

        browser.Driver.FindElement(By.CssSelector("nav.side a[href='/ui/access/users']")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("users")).Count == 1);
        browser.Screenshot("users");
        browser.Driver.FindElement(By.Id("new-user")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui/access/users/new");
        browser.Driver.FindElement(By.Id("Input_Name")).SendKeys(name);
        browser.Driver.FindElement(By.Id("Input_Password")).SendKeys(UiFactory.Password);
        browser.Driver.FindElement(By.XPath($"//label[contains(., '{AccessFactory.UserReaderRole}')]/input")).Click();
        browser.Driver.FindElement(By.XPath("//fieldset[@id='user-groups']//label[contains(., 'ui-analysts')]/input")).Click();
        browser.Screenshot("user-new");
        browser.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath.EndsWith("/edit", StringComparison.Ordinal));

        browser.Driver.FindElement(By.TagName("h1")).Text.Should().Be("Edit " + name);
        browser.Driver.FindElement(By.XPath($"//label[contains(., '{AccessFactory.UserReaderRole}')]/input")).Selected.Should().BeTrue();
        browser.Driver.FindElement(By.XPath("//fieldset[@id='user-groups']//label[contains(., 'ui-analysts')]/input")).Selected.Should().BeTrue();
        browser.Screenshot("user-edit");
        browser.Open("/ui/access/users");
        browser.Driver.FindElement(By.CssSelector($"tr[data-name='{name}'] td[data-column='roles']")).Text.Should().Be(AccessFactory.UserReaderRole);
        browser.Driver.FindElement(By.CssSelector($"tr[data-name='{name}'] td[data-column='groups']")).Text.Should().Be("ui-analysts");
    }

    [Fact]
    public async Task A_user_creates_an_api_token_in_my_account_and_sees_it_once()
    {
        var name = "ui-browser-token-" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateUserAsync(name, UiFactory.Password);
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(name, UiFactory.Password);

        browser.Driver.FindElement(By.CssSelector("header.top a.account")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui/account");
        browser.Driver.FindElement(By.Id("Input_Name")).SendKeys("nightly export");
        browser.Driver.FindElement(By.CssSelector("#new-token button[type=submit]")).Click();
        var secret = browser.Wait.Until(d => d.FindElement(By.Id("token-secret"))).GetAttribute("value");

        secret.Should().StartWith("taxii_");
        browser.Driver.FindElement(By.CssSelector("#tokens td")).Text.Should().Be("nightly export");
        browser.Screenshot("account-token");
        browser.Open("/ui/account");
        browser.Driver.FindElements(By.Id("token-secret")).Should().BeEmpty("the secret is shown once");
        browser.Driver.PageSource.Should().NotContain(secret!);
    }

    [Fact]
    public async Task An_administrator_creates_a_role_and_a_group_holding_it_with_a_member()
    {
        var role = "ui-browser-role-" + Guid.NewGuid().ToString("N")[..6];
        var group = "ui-browser-group-" + Guid.NewGuid().ToString("N")[..6];
        var member = "ui-browser-member-" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateUserAsync(member, UiFactory.Password);
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(UiFactory.AdminName, UiFactory.Password);

        browser.Driver.FindElement(By.CssSelector("nav.side a[href='/ui/access/roles']")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("roles")).Count == 1);
        browser.Screenshot("roles");
        browser.Driver.FindElement(By.Id("new-role")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui/access/roles/new");
        browser.Driver.FindElement(By.Id("Input_Name")).SendKeys(role);
        browser.Driver.FindElement(By.Id("Input_Description")).SendKeys("Reads datasets and incoming feeds");
        browser.Driver.FindElement(By.CssSelector("input[name='Input.Permissions'][value='read datasets']")).Click();
        browser.Driver.FindElement(By.CssSelector("input[name='Input.Permissions'][value='read incoming-feeds']")).Click();
        browser.Screenshot("role-new");
        browser.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui/access/roles");
        browser.Driver.FindElement(By.CssSelector($"tr[data-name='{role}'] td[data-column='permissions']")).Text.Should().Be("read incoming-feeds, read datasets", "in the order of the checkboxes, Permissions.All");

        browser.Driver.FindElement(By.CssSelector("nav.side a[href='/ui/access/groups']")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("groups")).Count == 1);
        browser.Driver.FindElement(By.Id("new-group")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui/access/groups/new");
        browser.Driver.FindElement(By.Id("Input_Name")).SendKeys(group);
        browser.Driver.FindElement(By.XPath($"//label[contains(., '{role}')]/input")).Click();
        browser.Driver.FindElement(By.Id("Input_AddMembers")).SendKeys(member);
        browser.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath.EndsWith("/edit", StringComparison.Ordinal));

        browser.Driver.FindElement(By.TagName("h1")).Text.Should().Be("Edit " + group);
        browser.Driver.FindElement(By.XPath($"//label[contains(., '{role}')]/input")).Selected.Should().BeTrue();
        browser.Driver.FindElement(By.XPath($"//fieldset[@id='members']//label[contains(., '{member}')]/input")).Selected.Should().BeTrue();
        browser.Screenshot("group-edit");
        browser.Open("/ui/access/groups?after=" + (int.Parse(new Uri(browser.Driver.Url).AbsolutePath.Split('/')[4], System.Globalization.CultureInfo.InvariantCulture) - 1));
        browser.Driver.FindElement(By.CssSelector($"tr[data-name='{group}'] td[data-column='members']")).Text.Should().Be("1");
        browser.Screenshot("groups");
        using var api = app.CreateClient(member, UiFactory.Password);
        (await api.GetStringAsync("/api/v1/me", TestContext.Current.CancellationToken)).Should().Contain("\"read datasets\"", "the member holds the group's role");
    }
}
