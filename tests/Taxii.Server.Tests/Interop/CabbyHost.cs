using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Tests.Taxii;
using Taxii.Testing;
using Taxii.Testing.Peers;
using Collection = Taxii.Core.Collections.Collection;

namespace Taxii.Server.Tests.Interop;

/// <summary>
/// A default Taxii install (the seeded services at their default paths, default settings) with one analyst, as a
/// user of cabby meets it. Each test makes collections of its own, served by the default inbox, poll and
/// collection management services and shared with the analyst for reading and writing.
/// </summary>
public class CabbyHost : TaxiiAppFactory
{
    public const string User = "cabby-analyst";
    public const string Password = "the analyst's password";
    public const string CollectionManagement = "/taxii-collection-management-service/";

    private User? _user;

    public string Discovery => Address("/taxii-discovery-service/").ToString();

    /// <summary>cabby's credential options for the analyst.</summary>
    public static IReadOnlyList<string> Credentials => ["--username", User, "--password", Password];

    protected override async Task SeedAsync() => _user = await CreateUserAsync(User, Password);

    /// <summary>A collection the analyst may read and write (<paramref name="bindings"/> empty: any content).</summary>
    public async Task<Collection> CollectionAsync(string name, params string[] bindings)
    {
        var collection = await this.AddCollectionAsync(name, bindings: bindings, servicePaths: [TaxiiData.Inbox, TaxiiData.Poll, CollectionManagement]);
        await this.GrantAsync(_user ?? throw new InvalidOperationException("not seeded"), collection, read: true, write: true);
        return collection;
    }

    /// <summary>Shares an existing collection (such as the seeded <c>default</c>) with the analyst for reading and writing.</summary>
    public async Task<Collection> ShareAsync(string name)
    {
        Collection collection;
        await using (var scope = Services.CreateAsyncScope())
        {
            collection = await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Collections.AsNoTracking()
                .SingleAsync(c => c.Name == name, TestContext.Current.CancellationToken);
        }

        await this.GrantAsync(_user ?? throw new InvalidOperationException("not seeded"), collection, read: true, write: true);
        return collection;
    }

    /// <summary>Runs a cabby command against this host's discovery service as the analyst, in TAXII <paramref name="version"/>.</summary>
    public Task<CabbyRun> CabbyAsync(string command, string version, params string[] arguments) =>
        Cabby.RunAsync(command, ["--discovery", Discovery, .. Credentials, "-t", version, .. arguments],
            cancellationToken: TestContext.Current.CancellationToken);
}
