using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Persistence;

namespace Taxii.Server.Tests.Ui;

/// <summary>The web UI over real HTTP: sign-in, the navigation by permission, and the TAXII view and its forms.</summary>
public sealed partial class UiPageTests(UiFactory app) : IClassFixture<UiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signing_in_sets_a_strict_http_only_cookie_for_ui_only_and_records_it()
    {
        using var session = app.Session();

        var response = await session.SignInAsync(UiFactory.AdminName, UiFactory.Password, "/ui/settings/taxii?sort=type");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/ui/settings/taxii?sort=type");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("taxii-ui=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.Should().Contain("path=/ui").And.Contain("samesite=strict").And.Contain("httponly")
            .And.NotContain("; secure", "plain http (localhost development) cannot keep a Secure cookie; UiHttpsTests has https");
        (await session.HtmlAsync("/ui")).Should().Contain("Signed in as <strong>ui-admin</strong>").And.Contain("href=\"/ui/settings/taxii\"");
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .AnyAsync(a => a.Action == "sign-in" && a.UserName == UiFactory.AdminName, Ct)).Should().BeTrue();
    }

    [Fact]
    public async Task A_page_asks_for_sign_in_and_a_foreign_return_address_is_ignored()
    {
        using var session = app.Session();

        var page = await session.GetAsync("/ui/settings/taxii");
        var offsite = await session.SignInAsync(UiFactory.AdminName, UiFactory.Password, "https://evil.example/ui/");

        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().Should().Contain("/ui/sign-in?returnUrl=%2Fui%2Fsettings%2Ftaxii");
        offsite.Headers.Location!.ToString().Should().Be("/ui");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_the_failed_login_limit_is_the_apis()
    {
        var user = "ui-limited-" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(user, UiFactory.Password);
        using var session = app.Session();

        for (var i = 0; i < 5; i++)
        {
            var wrong = await session.SignInAsync(user, "not the password");
            wrong.StatusCode.Should().Be(HttpStatusCode.OK);
            (await wrong.Content.ReadAsStringAsync(Ct)).Should().Contain("The user name or password is not right.");
            wrong.Headers.Contains("Set-Cookie").Should().BeFalse();
        }

        var right = await session.SignInAsync(user, UiFactory.Password);
        using var api = app.CreateClient(user, UiFactory.Password);
        var basic = await api.GetAsync("/api/v1/me", Ct);

        right.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "five failures (the default limit) block the user at this address");
        right.Headers.RetryAfter.Should().NotBeNull();
        (await right.Content.ReadAsStringAsync(Ct)).Should().Contain("Too many failed login attempts");
        basic.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the form's failures count for basic authentication too");
    }

    [Fact]
    public async Task Ui_pages_carry_a_strict_content_security_policy_and_are_not_cached()
    {
        using var session = app.Session();

        var page = await session.GetAsync("/ui/sign-in");
        var css = await session.GetAsync("/ui/assets/ui.css");
        var js = await session.GetAsync("/ui/assets/ui.js");

        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().StartWith("default-src 'self'").And.Contain("frame-ancestors 'none'").And.Contain("form-action 'self'").And.NotContain("unsafe");
        page.Headers.CacheControl!.NoStore.Should().BeTrue();
        css.StatusCode.Should().Be(HttpStatusCode.OK);
        css.Content.Headers.ContentType!.MediaType.Should().Be("text/css");
        js.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.Should().NotContain("<script>").And.NotContain("style=").And.NotContain("<style").And.NotContain("http://").And.NotContain("https://");
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);

        var signIn = await session.PostAsync("/ui/sign-in", null, ("UserName", UiFactory.AdminName), ("Password", UiFactory.Password));
        var signOut = await session.PostAsync("/ui/sign-out", null);
        var id = await IdOfAsync("/zz-public-poll/");
        var delete = await session.PostAsync($"/ui/settings/taxii/{id}/delete", null);

        signIn.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        signOut.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        delete.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await IdOfAsync("/zz-public-poll/")).Should().Be(id, "nothing was deleted");
        (await session.HtmlAsync("/ui")).Should().Contain("Signed in as", "the session is still open");
    }

    [Fact]
    public async Task The_api_and_taxii_still_answer_401_with_their_challenge_not_a_redirect()
    {
        using var session = app.Session();
        var signIn = await session.SignInAsync(UiFactory.AdminName, UiFactory.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("taxii-ui=", StringComparison.Ordinal)).Split(';')[0];
        using var other = app.Client(handleCookies: false);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
        // a browser would not send the /ui cookie here; sent anyway, the API must not take it
        request.Headers.Add("Cookie", cookie);
        var api = await other.SendAsync(request, Ct);
        var anonymous = await other.GetAsync("/api/v1/me", Ct);

        api.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        api.Headers.WwwAuthenticate.ToString().Should().Contain("Basic realm=\"Taxii\"");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Headers.Location.Should().BeNull();
    }

    [Fact]
    public async Task A_user_without_read_taxii_services_sees_no_taxii_entry_and_gets_403()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.NobodyName);

        var home = await session.HtmlAsync("/ui");
        var page = await session.HtmlAsync("/ui/settings/taxii", HttpStatusCode.Forbidden);
        var service = await session.HtmlAsync($"/ui/settings/taxii/{await IdOfAsync("/a-inbox/")}", HttpStatusCode.Forbidden);

        home.Should().NotContain("/ui/settings/taxii").And.Contain("none of the sections");
        page.Should().NotContain("/ui/settings/taxii/");
        service.Should().NotContain("a-inbox");
    }

    [Fact]
    public async Task A_reader_sees_view_but_neither_edit_nor_delete()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.ReaderName);
        var id = await IdOfAsync("/a-inbox/");

        var list = await session.HtmlAsync("/ui/settings/taxii");
        var view = await session.HtmlAsync($"/ui/settings/taxii/{id}");

        list.Should().Contain($"href=\"/ui/settings/taxii/{id}\"").And.Contain(">View</a>").And.NotContain(">Edit</a>").And.NotContain(">Delete</a>");
        view.Should().NotContain("/edit\"");
        await session.HtmlAsync($"/ui/settings/taxii/{id}/edit", HttpStatusCode.Forbidden);
        await session.HtmlAsync($"/ui/settings/taxii/{id}/delete", HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("path")]
    [InlineData("type")]
    [InlineData("versions")]
    [InlineData("available")]
    [InlineData("authentication")]
    [InlineData("collections")]
    public async Task Each_column_sorts_both_ways(string column)
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.ReaderName);

        foreach (var descending in new[] { false, true })
        {
            var html = await session.HtmlAsync($"/ui/settings/taxii?sort={column}&dir={(descending ? "desc" : "asc")}");

            RowIds(html).Should().Equal(await ServiceOrder.ExpectedAsync(app.Services, column, descending), $"{column} {(descending ? "descending" : "ascending")}");
            html.Should().Contain($"aria-sort=\"{(descending ? "descending" : "ascending")}\" data-column=\"{column}\"");
            // the header's link turns the order around
            html.Should().Contain($"href=\"/ui/settings/taxii?sort={column}&amp;dir={(descending ? "asc" : "desc")}\"");
        }
    }

    [Fact]
    public async Task The_settings_view_shows_configuration_collections_and_the_discovery_entry()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        using var reader = app.Session();
        await reader.SignInOkAsync(UiFactory.ReaderName);
        var id = await IdOfAsync("/Taxii-Poll-B/");

        var html = WebUtility.HtmlDecode(await session.HtmlAsync($"/ui/settings/taxii/{id}"));
        var readers = await reader.HtmlAsync($"/ui/settings/taxii/{id}");

        html.Should().Contain("<h1 id=\"service-path\">/Taxii-Poll-B/</h1>").And.Contain("<dt>Type</dt><dd>Poll</dd>");
        html.Should().Contain("ui-collection-1").And.Contain("ui-collection-3");
        html.Should().Contain("<taxii_11:Address>" + app.Address("/Taxii-Poll-B/").ToString().TrimEnd('/') + "/</taxii_11:Address>");
        html.Should().Contain("service_type=\"POLL\"");
        readers.Should().NotContain("ui-collection-1").And.Contain("And 3 not shared with your groups", "collections are shown as the collections API shows them");
        await session.HtmlAsync("/ui/settings/taxii/999999", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Editing_shows_the_apis_validation_errors_beside_the_field_and_saves_a_valid_change()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        var id = await IdOfAsync("/taxii-cm-b/");
        var form = await session.HtmlAsync($"/ui/settings/taxii/{id}/edit");

        var invalid = await session.PostAsync($"/ui/settings/taxii/{id}/edit", UiSession.Token(form),
            ("Input.Type", "CollectionManagement"), ("Input.Path", "/api/v1/mine"), ("Input.Available", "true"));
        var invalidHtml = await invalid.Content.ReadAsStringAsync(Ct);
        var valid = await session.PostAsync($"/ui/settings/taxii/{id}/edit", UiSession.Token(form),
            ("Input.Type", "CollectionManagement"), ("Input.Path", "/taxii-cm-b/"), ("Input.Description", "edited in the UI"), ("Input.Available", "true"));

        invalid.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        PathError().Match(invalidHtml).Groups[1].Value.Should().Be("that path belongs to the server itself");
        valid.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await session.HtmlAsync($"/ui/settings/taxii/{id}")).Should().Contain("edited in the UI");
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog
            .AnyAsync(a => a.Action == "update" && a.Resource == $"services/{id}" && a.UserName == UiFactory.AdminName, Ct)).Should().BeTrue();
    }

    [Fact]
    public async Task Deleting_asks_first_then_removes_the_service()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            db.Services.Add(new Core.Collections.Service { Path = "/to-delete/", Type = Core.Collections.ServiceType.Inbox, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);
        var id = await IdOfAsync("/to-delete/");

        var confirm = await session.HtmlAsync($"/ui/settings/taxii/{id}/delete");
        var deleted = await session.PostAsync($"/ui/settings/taxii/{id}/delete", UiSession.Token(confirm));

        confirm.Should().Contain("Delete /to-delete/?");
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await IdOfAsync("/to-delete/")).Should().Be(0);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.ReaderName);
        var home = await session.HtmlAsync("/ui");

        var signOut = await session.PostAsync("/ui/sign-out", UiSession.Token(home));

        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await session.GetAsync("/ui")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task An_unknown_ui_address_is_the_uis_404_not_a_taxii_answer()
    {
        using var session = app.Session();

        var html = await session.HtmlAsync("/ui/no-such-page", HttpStatusCode.NotFound);

        // TODO(issue 21): the UI's own error page (re-execution needs routing again without an explicit UseRouting)
        html.Should().NotContain("Status_Message");
    }

    private static List<int> RowIds(string html) => [.. RowId().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    private async Task<int> IdOfAsync(string path)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Services
            .Where(s => s.Path == path).Select(s => s.Id).SingleOrDefaultAsync(Ct);
    }

    [GeneratedRegex("<tr class=\"clickable\" data-href=\"[^\"]+\" data-id=\"(\\d+)\"")]
    private static partial Regex RowId();

    [GeneratedRegex("<span class=\"field-error field-validation-error\" id=\"path-error\"[^>]*>([^<]*)</span>")]
    private static partial Regex PathError();
}
