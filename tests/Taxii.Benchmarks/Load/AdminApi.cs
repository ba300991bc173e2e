using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Taxii.Benchmarks.Load;

/// <summary>The server's REST API as its administrator: JSON in and out, a failed answer thrown with its body.</summary>
internal static class AdminApi
{
    public static HttpClient Client(LoadServer server)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LoadServer.AdminName}:{LoadServer.AdminPassword}")));
        return http;
    }

    public static Task<JsonElement> GetAsync(HttpClient http, string path, CancellationToken cancellationToken) =>
        SendAsync(http, HttpMethod.Get, path, null, cancellationToken);

    public static Task<JsonElement> PostAsync(HttpClient http, string path, string json, CancellationToken cancellationToken) =>
        SendAsync(http, HttpMethod.Post, path, json, cancellationToken);

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(body).RootElement.Clone()
            : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {body}");
    }
}
