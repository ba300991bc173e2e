using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using Xunit;

namespace Taxii.Testing;

/// <summary>
/// The Taxii host on real Kestrel (loopback, a free port) over a database of its own. Share it per class with
/// <c>IClassFixture&lt;TaxiiAppFactory&gt;</c>; derive and override <see cref="Settings"/> for other settings.
/// </summary>
public class TaxiiAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string? _connectionString;

    public TaxiiAppFactory()
        : this(kestrel: true)
    {
    }

    /// <summary>
    /// Without Kestrel the host runs on the in-memory test server; only for tests about the host's start itself
    /// (a host that fails to start on Kestrel hides its exception behind the factory's own).
    /// </summary>
    protected TaxiiAppFactory(bool kestrel)
    {
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    /// <summary>Kestrel configured by the caller (HTTPS listeners, for instance).</summary>
    protected TaxiiAppFactory(Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions> kestrel)
    {
        UseKestrel(kestrel);
    }

    /// <summary>Everything this host logged (Serilog reads sinks registered as services).</summary>
    public LogCapture Logs { get; } = new();

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("InitializeAsync has not run");

    /// <summary>Settings on top of the test defaults (connection string, a small job server).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>The database for this host; a fresh migrated one by default.</summary>
    protected virtual Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        PostgresServer.CreateDatabaseAsync(cancellationToken: cancellationToken);

    public async ValueTask InitializeAsync()
    {
        _connectionString = await CreateDatabaseAsync(TestContext.Current.CancellationToken);
        StartServer();
        await SeedAsync();
    }

    /// <summary>
    /// Whether disposing this host drops its database; false for a further host on another host's database (override
    /// <see cref="CreateDatabaseAsync"/> to return that one's <see cref="ConnectionString"/>).
    /// </summary>
    protected virtual bool OwnsDatabase => true;

    /// <summary>Runs once after the host started, before the class's tests: create users and data here.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_connectionString is not null && OwnsDatabase)
        {
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{DatabaseOptions.ConnectionStringName}", ConnectionString);
        builder.UseSetting("Taxii:Jobs:WorkerCount", "2");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(Logs));
    }

    /// <summary>Creates an active user with the given password (an administrator when <paramref name="admin"/>).</summary>
    public async Task<User> CreateUserAsync(string name, string password, bool admin = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
        var user = new User { Name = name, IsAdmin = admin, IsActive = true, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        user.PasswordHash = scope.ServiceProvider.GetRequiredService<PasswordHashing>().Hash(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return user;
    }

    /// <summary>The absolute address of a path on this host.</summary>
    public Uri Address(string path) => new(ClientOptions.BaseAddress, path);

    /// <summary>
    /// The project's TAXII client over real HTTP to this host, with basic credentials when given. Every TAXII response
    /// it receives is checked against the official XSD (<see cref="SchemaCheckingHandler"/>).
    /// </summary>
    public TaxiiClient CreateTaxiiClient(TaxiiVersion version = TaxiiVersion.V11, string? user = null, string? password = null)
    {
        var http = CreateDefaultClient(new SchemaCheckingHandler());
        var options = new TaxiiClientOptions { Version = version, Timeout = TimeSpan.FromSeconds(60) };
        if (user is not null)
        {
            options.UserName = user;
            options.Password = password;
        }

        return new TaxiiClient(http, options);
    }

    /// <summary>A client for the real Kestrel endpoint, with basic credentials when given.</summary>
    public HttpClient CreateClient(string? user, string? password)
    {
        var client = CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return client;
    }
}
