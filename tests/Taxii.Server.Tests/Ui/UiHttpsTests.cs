using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Taxii.Testing;

namespace Taxii.Server.Tests.Ui;

/// <summary>The UI over HTTPS: its cookies are Secure (over plain HTTP, for localhost development, they cannot be).</summary>
public sealed class UiHttpsTests(UiHttpsTests.Factory app) : IClassFixture<UiHttpsTests.Factory>
{
    public sealed class Factory() : UiFactory(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(TestCertificates.Create("CN=localhost"))));

    [Fact]
    public async Task Over_https_the_session_and_antiforgery_cookies_are_secure()
    {
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        using var client = new HttpClient(handler) { BaseAddress = app.Address("/") };
        using var session = new UiSession(client);

        var form = await session.GetAsync("/ui/sign-in");
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("taxii-ui-antiforgery=", StringComparison.Ordinal));
        var html = await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/ui/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = UiFactory.AdminName,
                ["Password"] = UiFactory.Password,
                ["__RequestVerificationToken"] = UiSession.Token(html),
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signIn = await client.SendAsync(post, TestContext.Current.CancellationToken);

        app.Address("/").Scheme.Should().Be("https");
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        antiforgery.ToLowerInvariant().Should().Contain("; secure");
        signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("taxii-ui=", StringComparison.Ordinal)).ToLowerInvariant()
            .Should().Contain("; secure").And.Contain("httponly").And.Contain("samesite=strict");
    }
}
