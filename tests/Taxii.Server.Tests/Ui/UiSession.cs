using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;

namespace Taxii.Server.Tests.Ui;

/// <summary>An HTTP client that signs in through the UI's form as a browser would: token from the page, cookies kept.</summary>
public sealed partial class UiSession(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public async Task<HttpResponseMessage> SignInAsync(string user, string password, string? returnUrl = null)
    {
        var form = await GetAsync("/ui/sign-in");
        return await PostAsync("/ui/sign-in" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)),
            Token(await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)),
            ("UserName", user), ("Password", password));
    }

    public async Task SignInOkAsync(string user, string password = UiFactory.Password)
    {
        var response = await SignInAsync(user, password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path, TestContext.Current.CancellationToken);

    public async Task<string> HtmlAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await GetAsync(path);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(expected, html);
        return html;
    }

    /// <summary>Posts a form; <paramref name="token"/> null sends none (a forged post).</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string? token, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (token is not null)
        {
            values.Add(new("__RequestVerificationToken", token));
        }

        return Client.PostAsync(path, new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string Token(string html) =>
        TokenInput().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token in the page");

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
