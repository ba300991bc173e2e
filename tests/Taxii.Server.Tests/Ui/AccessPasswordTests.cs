using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Persistence;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// Changing your own password: <c>POST /api/v1/me/password</c> and My account's page, one rule behind both
/// (<c>PasswordOperations</c>): the current password checked as sign-in checks it, the user creation rule for the new
/// one, one audit entry, API tokens untouched, the UI session renewed and the other sessions ended.
/// </summary>
public sealed class AccessPasswordTests(AccessFactory app) : IClassFixture<AccessFactory>
{
    private const string NewPassword = "a brand new long password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_rest_api_changes_the_callers_password_after_checking_the_current_one_and_keeps_its_tokens()
    {
        var name = "ui-pw-rest-" + Guid.NewGuid().ToString("N")[..6];
        var user = await app.CreateUserAsync(name, UiFactory.Password);
        using var api = app.CreateClient(name, UiFactory.Password);
        var token = (await (await api.PostAsJsonAsync("/api/v1/me/tokens", new { name = "script" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString();

        var wrong = await api.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = "not my password at all", newPassword = NewPassword }, Ct);
        var wrongBody = await wrong.Content.ReadAsStringAsync(Ct);
        var shortNew = await api.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = UiFactory.Password, newPassword = "short" }, Ct);
        var shortBody = await shortNew.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var changed = await api.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = UiFactory.Password, newPassword = NewPassword }, Ct);
        using var old = app.CreateClient(name, UiFactory.Password);
        using var renewed = app.CreateClient(name, NewPassword);
        using var bearer = app.CreateClient(null, null);
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        wrong.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        wrong.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        wrongBody.Should().Contain("The current password is not right.");
        shortNew.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        shortBody.GetProperty("errors").GetProperty("newPassword")[0].GetString().Should().Be("newPassword must be 12 to 1024 characters");
        changed.StatusCode.Should().Be(HttpStatusCode.NoContent, await changed.Content.ReadAsStringAsync(Ct));
        (await old.GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the old password no longer opens anything");
        (await renewed.GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await bearer.GetAsync("/api/v1/me", Ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the caller's API tokens are unaffected");
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().AuditLog.Where(a => a.UserId == user.Id && a.Resource == "me/password").Select(a => a.Action).ToListAsync(Ct))
            .Should().Equal("update");
    }

    [Fact]
    public async Task My_account_changes_the_password_keeps_this_session_and_ends_the_others()
    {
        var name = "ui-pw-page-" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateUserAsync(name, UiFactory.Password);
        using var other = app.Session();
        await other.SignInOkAsync(name);
        using var session = app.Session();
        await session.SignInOkAsync(name);
        var account = await session.HtmlAsync("/ui/account");
        var form = await session.HtmlAsync("/ui/account/password");
        var token = UiSession.Token(form);

        var differ = await session.PostAsync("/ui/account/password", token,
            ("Input.CurrentPassword", UiFactory.Password), ("Input.NewPassword", NewPassword), ("Input.ConfirmPassword", NewPassword + "x"));
        var wrong = await session.PostAsync("/ui/account/password", token,
            ("Input.CurrentPassword", "not my password at all"), ("Input.NewPassword", NewPassword), ("Input.ConfirmPassword", NewPassword));
        var tooShort = await session.PostAsync("/ui/account/password", token,
            ("Input.CurrentPassword", UiFactory.Password), ("Input.NewPassword", "short"), ("Input.ConfirmPassword", "short"));
        var forged = await session.PostAsync("/ui/account/password", null,
            ("Input.CurrentPassword", UiFactory.Password), ("Input.NewPassword", NewPassword), ("Input.ConfirmPassword", NewPassword));
        var changed = await session.PostAsync("/ui/account/password", token,
            ("Input.CurrentPassword", UiFactory.Password), ("Input.NewPassword", NewPassword), ("Input.ConfirmPassword", NewPassword));

        account.Should().Contain("href=\"/ui/account/password\"");
        form.Should().Contain("autocomplete=\"current-password\"").And.Contain("for=\"Input_NewPassword\"");
        differ.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        AccountPageTests.FieldError(await differ.Content.ReadAsStringAsync(Ct), "confirm-error").Should().Be("The two new passwords differ.");
        wrong.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        AccountPageTests.FieldError(await wrong.Content.ReadAsStringAsync(Ct), "current-error").Should().Be("The current password is not right.");
        tooShort.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        AccountPageTests.FieldError(await tooShort.Content.ReadAsStringAsync(Ct), "new-error").Should().Be("newPassword must be 12 to 1024 characters");
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest, "no antiforgery token, no change");
        changed.StatusCode.Should().Be(HttpStatusCode.Redirect, await changed.Content.ReadAsStringAsync(Ct));
        changed.Headers.Location!.ToString().Should().Be("/ui/account?password=changed");
        (await session.HtmlAsync("/ui/account?password=changed")).Should().Contain("id=\"password-changed\"", "this session goes on with the renewed cookie");
        (await other.GetAsync("/ui/account")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the user's other sessions end");
        using var renewed = app.Session();
        await renewed.SignInOkAsync(name, NewPassword);
        using var old = app.Session();
        (await old.SignInAsync(name, UiFactory.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the old password is refused: the form again");
    }
}
