using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using OpenQA.Selenium;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// More of the access pages in a real headless chromium: deleting a user after its confirmation page, the audit log
/// showing what was just done, a user's client certificates, and changing one's own password.
/// </summary>
public sealed class AccessAdminBrowserTests(AccessFactory app) : IClassFixture<AccessFactory>
{
    private const string NewPassword = "a-brand-new-password-42";

    [Fact]
    public async Task An_administrator_deactivates_then_deletes_a_user_and_the_audit_log_shows_both()
    {
        var name = "ui-browser-gone-" + Guid.NewGuid().ToString("N")[..6];
        var user = await app.CreateUserAsync(name, UiFactory.Password);
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(UiFactory.AdminName, UiFactory.Password);

        browser.Open($"/ui/access/users/{user.Id}/edit");
        browser.Driver.FindElement(By.Id("Input_IsActive")).Click();
        browser.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui/access/users");
        browser.Open($"/ui/access/users?after={user.Id - 1}");
        browser.Driver.FindElement(By.CssSelector($"tr[data-name='{name}'] td[data-column='active']")).Text.Should().Be("No");
        browser.Driver.FindElement(By.CssSelector($"tr[data-name='{name}'] a[href='/ui/access/users/{user.Id}/delete']")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == $"/ui/access/users/{user.Id}/delete");

        browser.Driver.FindElement(By.TagName("h1")).Text.Should().Be($"Delete {name}?");
        browser.Screenshot("user-delete");
        browser.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui/access/users");
        browser.Open($"/ui/access/users?after={user.Id - 1}");
        browser.Driver.FindElements(By.CssSelector($"tr[data-name='{name}']")).Should().BeEmpty("the user is gone");

        browser.Driver.FindElement(By.CssSelector("nav.side a[href='/ui/access/audit']")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("audit-filter")).Count == 1);
        browser.Driver.FindElement(By.Id("resource")).SendKeys($"users/{user.Id}");
        browser.Driver.FindElement(By.CssSelector("#audit-filter button[type=submit]")).Click();
        browser.Wait.Until(d => new Uri(d.Url).Query.Contains("resource=", StringComparison.Ordinal));
        var rows = browser.Driver.FindElements(By.CssSelector("#audit tbody tr"))
            .Select(r => (Action: r.FindElement(By.CssSelector("td[data-column='action']")).Text, User: r.FindElement(By.CssSelector("td[data-column='user']")).Text,
                Resource: r.FindElement(By.CssSelector("td[data-column='resource']")).Text))
            .ToList();
        rows.Should().Equal([("delete", UiFactory.AdminName, $"users/{user.Id}"), ("update", UiFactory.AdminName, $"users/{user.Id}")], "newest first: the two changes just made");
        browser.Screenshot("audit");
    }

    [Fact]
    public async Task An_administrator_registers_a_client_certificate_for_a_user_and_removes_it()
    {
        var name = "ui-browser-cert-" + Guid.NewGuid().ToString("N")[..6];
        var user = await app.CreateUserAsync(name, UiFactory.Password);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=ui-browser-client", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(UiFactory.AdminName, UiFactory.Password);

        browser.Open($"/ui/access/users/{user.Id}/edit");
        browser.Driver.FindElement(By.Id("user-certificates")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == $"/ui/access/users/{user.Id}/certificates");
        browser.Driver.FindElements(By.Id("no-certificates")).Should().HaveCount(1);
        browser.Driver.FindElement(By.Id("Pem")).SendKeys(certificate.ExportCertificatePem());
        browser.Driver.FindElement(By.CssSelector("#add-certificate button[type=submit]")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("certificates")).Count == 1);

        browser.Driver.FindElement(By.CssSelector("#certificates td[data-column='subject']")).Text.Should().Be("CN=ui-browser-client");
        browser.Driver.FindElement(By.CssSelector("#certificates td[data-column='thumbprint']")).Text
            .Should().Be(Convert.ToHexString(SHA256.HashData(certificate.RawData)), "the SHA-256 thumbprint pins the certificate");
        browser.Screenshot("user-certificates");
        browser.Driver.FindElement(By.CssSelector("#certificates button.danger")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("no-certificates")).Count == 1);
        browser.Driver.FindElements(By.Id("certificates")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_user_changes_their_password_after_a_wrong_current_one_then_signs_in_with_the_new_one()
    {
        var name = "ui-browser-pw-" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateUserAsync(name, UiFactory.Password);
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.Wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        browser.SignIn(name, UiFactory.Password);

        browser.Driver.FindElement(By.CssSelector("header.top a.account")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui/account");
        browser.Driver.FindElement(By.Id("change-password-link")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui/account/password");
        Fill(browser, "not-my-password-at-all", NewPassword);
        browser.Wait.Until(d => d.FindElement(By.Id("current-error")).Text.Length > 0);

        browser.Driver.FindElement(By.Id("current-error")).Text.Should().Be("The current password is not right.");
        browser.Driver.FindElement(By.Id("new-error")).Text.Should().BeEmpty();
        browser.Screenshot("account-password");
        Fill(browser, UiFactory.Password, NewPassword);
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui/account");
        browser.Driver.FindElement(By.Id("password-changed")).Displayed.Should().BeTrue();

        browser.Driver.FindElement(By.CssSelector("header.top form.signout button")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui/sign-in");
        browser.Driver.FindElement(By.Id("UserName")).SendKeys(name);
        browser.Driver.FindElement(By.Id("Password")).SendKeys(UiFactory.Password);
        browser.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("sign-in-error")).Count == 1);
        new Uri(browser.Driver.Url).AbsolutePath.Should().Be("/ui/sign-in", "the old password no longer signs in");
        browser.SignIn(name, NewPassword);
        browser.Driver.FindElement(By.CssSelector("header.top .who strong")).Text.Should().Be(name);
    }

    private static void Fill(UiBrowser browser, string current, string next)
    {
        foreach (var (id, text) in new[] { ("Input_CurrentPassword", current), ("Input_NewPassword", next), ("Input_ConfirmPassword", next) })
        {
            var input = browser.Driver.FindElement(By.Id(id));
            input.Clear();
            input.SendKeys(text);
        }

        browser.Driver.FindElement(By.CssSelector("#change-password button[type=submit]")).Click();
    }
}
