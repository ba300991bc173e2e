using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Collections;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Testing;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// A host for the web UI's tests: an administrator, a user who may only read TAXII services, one who holds nothing,
/// and services beside the seeded ones that differ in every column, so each sort has something to order.
/// </summary>
public class UiFactory : TaxiiAppFactory
{
    public const string AdminName = "ui-admin";
    public const string ReaderName = "ui-reader";
    public const string NobodyName = "ui-nobody";
    public const string Password = "ui test password";

    public UiFactory()
    {
    }

    protected UiFactory(Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions> kestrel)
        : base(kestrel)
    {
    }

    protected override async Task SeedAsync()
    {
        await CreateUserAsync(AdminName, Password, admin: true);
        var reader = await CreateUserAsync(ReaderName, Password);
        await CreateUserAsync(NobodyName, Password);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var role = new Role { Name = "taxii reader", Permissions = [Permissions.ReadTaxiiServices] };
        db.Roles.Add(role);
        db.Users.Attach(reader);
        reader.Roles.Add(role);
        var now = DateTimeOffset.UtcNow;
        var collections = Enumerable.Range(1, 3).Select(i => new Collection { Name = $"ui-collection-{i}", CreatedAt = now, UpdatedAt = now }).ToList();
        db.Collections.AddRange(collections);
        db.Services.AddRange(
            new Service { Path = "/Taxii-Poll-B/", Type = ServiceType.Poll, Collections = [.. collections], CreatedAt = now, UpdatedAt = now },
            new Service { Path = "/a-inbox/", Type = ServiceType.Inbox, Available = false, Collections = [collections[0]], CreatedAt = now, UpdatedAt = now },
            new Service { Path = "/zz-public-poll/", Type = ServiceType.Poll, AuthenticationRequired = false, Collections = [collections[1], collections[2]], CreatedAt = now, UpdatedAt = now },
            new Service { Path = "/taxii-cm-b/", Type = ServiceType.CollectionManagement, Available = false, AuthenticationRequired = false, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public UiSession Session() => new(Client(handleCookies: true));

    /// <summary>A client of the real Kestrel endpoint that does not follow redirects.</summary>
    public HttpClient Client(bool handleCookies) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = handleCookies, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = ClientOptions.BaseAddress,
        };
}
