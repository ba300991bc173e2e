using System.Net;
using FluentAssertions;

namespace Taxii.Server.Tests.Ui;

/// <summary>403 and 404 under /ui are HTML pages in the layout (with the navigation); the REST API keeps problem details.</summary>
public sealed class UiErrorPageTests(UiFactory app) : IClassFixture<UiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_missing_permission_is_a_403_page_with_the_navigation_for_get_and_post()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.ReaderName);
        var token = UiSession.Token(await session.HtmlAsync("/ui"));

        var get = await session.GetAsync("/ui/settings/collections/new");
        var post = await session.PostAsync("/ui/settings/taxii/new", token, ("Input.Path", "/ui-reader/"));

        foreach (var response in new[] { get, post })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
            var html = await response.Content.ReadAsStringAsync(Ct);
            html.Should().Contain("<h1 id=\"error-title\">Not allowed</h1>").And.Contain("nav class=\"side\"")
                .And.Contain("href=\"/ui/settings/collections\"").And.Contain("Signed in as <strong>ui-reader</strong>");
        }
    }

    [Fact]
    public async Task An_unknown_address_and_a_missing_row_are_404_pages_and_the_error_page_itself_shows_no_error()
    {
        using var session = app.Session();
        await session.SignInOkAsync(UiFactory.AdminName);

        var unknown = await session.HtmlAsync("/ui/no-such-page", HttpStatusCode.NotFound);
        var missing = await session.HtmlAsync("/ui/settings/collections/987654", HttpStatusCode.NotFound);
        var direct = await session.HtmlAsync("/ui/error/403", HttpStatusCode.NotFound);

        foreach (var html in new[] { unknown, missing, direct })
        {
            html.Should().Contain("<h1 id=\"error-title\">Not found</h1>").And.Contain("nav class=\"side\"");
        }
    }

    [Fact]
    public async Task The_api_and_taxii_keep_their_answers_and_a_signed_out_404_has_no_navigation()
    {
        using var client = app.Client(handleCookies: false);
        using var api = app.CreateClient(UiFactory.ReaderName, UiFactory.Password);

        var anonymous = await client.GetAsync("/ui/no-such-page", Ct);
        var apiMissing = await api.GetAsync("/api/v1/collections/987654", Ct);
        var apiForbidden = await api.PostAsync("/api/v1/collections", new StringContent("{\"name\":\"x\"}", System.Text.Encoding.UTF8, "application/json"), Ct);

        anonymous.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anonymous.Content.ReadAsStringAsync(Ct)).Should().Contain("Not found").And.NotContain("nav class=\"side\"");
        apiMissing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        apiMissing.Content.Headers.ContentType?.MediaType.Should().NotBe("text/html");
        apiForbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        apiForbidden.Content.Headers.ContentType?.MediaType.Should().NotBe("text/html");
    }
}
