using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Taxii.Testing;

namespace Taxii.Server.Tests.Admin;

/// <summary>A host with an administrator and a user who holds nothing yet.</summary>
public sealed class AdminApiFactory : TaxiiAppFactory
{
    public const string AdminName = "api-admin";
    public const string Password = "admin api password";
    public const string NobodyName = "api-nobody";

    protected override async Task SeedAsync()
    {
        await CreateUserAsync(AdminName, Password, admin: true);
        await CreateUserAsync(NobodyName, Password);
    }

    public HttpClient Admin() => CreateClient(AdminName, Password);

    public HttpClient As(string user, string password = Password) => CreateClient(user, password);

    public HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a user through the API as the administrator and returns its id.</summary>
    public async Task<int> CreateUserViaApiAsync(string name, string password = Password)
    {
        var response = await Admin().PostAsJsonAsync("/api/v1/users", new { name, password }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdOnly>(TestContext.Current.CancellationToken))!.Id;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public sealed record IdOnly(int Id);
}
