using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Persistence;

namespace Taxii.Server.Tests.Ui;

/// <summary>My account over real HTTP: who I am, and my API tokens (created, shown once, used, revoked) through the REST API's rules.</summary>
public sealed partial class AccountPageTests(AccessFactory app) : IClassFixture<AccessFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task My_account_shows_name_roles_groups_and_the_permissions_me_shows()
    {
        using var session = app.Session();
        await session.SignInOkAsync(AccessFactory.UserReaderName);
        using var api = app.CreateClient(AccessFactory.UserReaderName, UiFactory.Password);
        var me = await api.GetStringAsync("/api/v1/me", Ct);

        var html = await session.HtmlAsync("/ui/account");

        html.Should().Contain("href=\"/ui/account\"", "the top bar links to it");
        Between(html, "id=\"my-roles\">", "</dd>").Should().Be(AccessFactory.UserReaderRole);
        Between(html, "id=\"my-groups\">", "</dd>").Should().Be("ui-analysts");
        me.Should().Contain("\"permissions\":[\"read users\"]");
        Between(html, "id=\"my-permissions\">", "</dd>").Should().Contain("<li>read users</li>").And.NotContain("taxii");
    }

    [Fact]
    public async Task A_user_without_any_permission_has_an_account_page_too()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.NobodyName);

        var html = await session.HtmlAsync("/ui/account");

        Between(html, "id=\"my-roles\">", "</dd>").Should().Be("None");
        Between(html, "id=\"my-permissions\">", "</dd>").Should().Be("None");
    }

    [Fact]
    public async Task A_token_is_shown_once_works_as_a_bearer_token_and_once_revoked_is_refused()
    {
        var name = await NewUserAsync();
        using var session = app.Session();
        await session.SignInOkAsync(name);
        var token = UiSession.Token(await session.HtmlAsync("/ui/account"));

        var created = await session.PostAsync("/ui/account?handler=Create", token, ("Input.Name", "ui script"), ("Input.ExpiresOn", ""));
        var createdHtml = await created.Content.ReadAsStringAsync(Ct);
        created.StatusCode.Should().Be(HttpStatusCode.OK, createdHtml);
        var secret = Secret().Match(createdHtml).Groups[1].Value;
        secret.Should().StartWith("taxii_");
        createdHtml.Should().Contain("it will not be shown again");

        var later = await session.HtmlAsync("/ui/account");
        later.Should().NotContain(secret, "the secret is shown in the answer to its creation only")
            .And.Contain(secret[..12] + "…").And.Contain("ui script");

        using var bearer = app.Client(handleCookies: false);
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var me = await bearer.GetAsync("/api/v1/me", Ct);
        me.StatusCode.Should().Be(HttpStatusCode.OK);
        (await me.Content.ReadAsStringAsync(Ct)).Should().Contain($"\"name\":\"{name}\"");

        var id = Regex.Match(later, "<tr data-id=\"(\\d+)\">").Groups[1].Value;
        var revoke = await session.PostAsync($"/ui/account?handler=Revoke&tokenId={id}", token);
        revoke.StatusCode.Should().Be(HttpStatusCode.Redirect);
        revoke.Headers.Location!.ToString().Should().Be("/ui/account");
        (await bearer.GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a revoked token is refused");
        Regex.Match(await session.HtmlAsync("/ui/account"), $"<tr data-id=\"{id}\">.*?data-column=\"state\">(\\w+)<", RegexOptions.Singleline)
            .Groups[1].Value.Should().Be("Revoked");

        await using var scope = app.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog.Where(a => a.Resource == $"me/tokens/{id}");
        (await audit.Select(a => a.Action).ToListAsync(Ct)).Should().HaveCount(2).And.Contain("revoke");
    }

    [Fact]
    public async Task An_invalid_token_form_answers_422_with_the_apis_message_at_its_field()
    {
        using var session = app.Session();
        await session.SignInOkAsync(await NewUserAsync());
        var token = UiSession.Token(await session.HtmlAsync("/ui/account"));

        var noName = await session.PostAsync("/ui/account?handler=Create", token, ("Input.Name", " "));
        var past = await session.PostAsync("/ui/account?handler=Create", token, ("Input.Name", "old"), ("Input.ExpiresOn", "2020-01-01"));

        noName.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        FieldError(await noName.Content.ReadAsStringAsync(Ct), "name-error").Should().Be("name is required");
        past.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        FieldError(await past.Content.ReadAsStringAsync(Ct), "expires-error").Should().Be("expiresAt must be in the future");
        (await session.HtmlAsync("/ui/account")).Should().Contain("id=\"no-tokens\"", "nothing was created");
    }

    [Fact]
    public async Task Another_users_token_cannot_be_revoked_and_a_post_needs_the_antiforgery_token()
    {
        using var api = app.CreateClient(UiFactory.AdminName, UiFactory.Password);
        var created = await api.PostAsync("/api/v1/me/tokens", JsonContent.Create(new { name = "admin's" }), Ct);
        var id = Regex.Match(await created.Content.ReadAsStringAsync(Ct), "\"id\":(\\d+)").Groups[1].Value;
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.NobodyName);
        var token = UiSession.Token(await session.HtmlAsync("/ui/account"));

        var foreign = await session.PostAsync($"/ui/account?handler=Revoke&tokenId={id}", token);
        var forged = await session.PostAsync("/ui/account?handler=Create", null, ("Input.Name", "forged"));

        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound);
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await api.GetStringAsync("/api/v1/me/tokens", Ct)).Should().Contain("\"revokedAt\":null");
    }

    /// <summary>A user of this test alone, so that no other test's tokens show on its page.</summary>
    private async Task<string> NewUserAsync()
    {
        var name = "ui-account-" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(name, UiFactory.Password);
        return name;
    }

    internal static string FieldError(string html, string id) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"id=\"{id}\"[^>]*>([^<]*)<").Groups[1].Value);

    private static string Between(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return WebUtility.HtmlDecode(html[from..html.IndexOf(end, from, StringComparison.Ordinal)].Trim());
    }

    [GeneratedRegex("id=\"token-secret\" readonly value=\"([^\"]+)\"")]
    private static partial Regex Secret();
}
