using Taxii.Testing;
using CollectionType = Taxii.Core.Collections.CollectionType;
using ServiceType = Taxii.Core.Collections.ServiceType;

namespace Taxii.Server.Tests.Taxii;

/// <summary>
/// A subscriber's TAXII server for push tests: per name, a public inbox <c>/inbox-{name}/</c> (pushes need no
/// credentials) into the collection <c>received-{name}</c>; no job server.
/// </summary>
public abstract class SubscriberInboxes(IReadOnlyList<string> names) : TaxiiAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Taxii:Jobs:RunServer"] = "false" };

    protected override async Task SeedAsync()
    {
        foreach (var name in names)
        {
            await TestData.AddServiceAsync(this, ServiceType.Inbox, $"/inbox-{name}/", authenticationRequired: false);
            await TestData.AddCollectionAsync(this, $"received-{name}", CollectionType.DataFeed, [], $"/inbox-{name}/");
        }
    }
}
