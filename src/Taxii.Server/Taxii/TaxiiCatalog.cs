using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Persistence;
using Taxii.Server.Auth;

namespace Taxii.Server.Taxii;

/// <summary>
/// What collection information, poll and inbox requests ask on every request: the collections a caller may read or
/// write through a service, and the poll and inbox services serving each collection. Read from the database once per
/// <see cref="AuthOptions.CallerCacheLifetime"/> and again after any change to services, collections, rights, groups
/// or users (<see cref="AccessChanges"/>), so a right granted or revoked applies to the next request.
/// </summary>
internal sealed class TaxiiCatalog(
    TaxiiDbContext db,
    AccessCache<TaxiiCatalog.CollectionsKey, IReadOnlyList<CatalogCollection>> collections,
    AccessCache<bool, IReadOnlyList<ServiceLink>> links)
{
    /// <summary>Enabled collections of <paramref name="service"/> the caller may poll or subscribe to, by name.</summary>
    public Task<IReadOnlyList<CatalogCollection>> ReadableAsync(Service service, TaxiiCaller caller, CancellationToken cancellationToken) =>
        CollectionsAsync(new CollectionsKey(service.Id, caller.UserId, caller.IsAdmin, Write: false), TaxiiAccess.Readable(db, service, caller), cancellationToken);

    /// <summary>Enabled collections of <paramref name="service"/> the caller may push content into, by name.</summary>
    public Task<IReadOnlyList<CatalogCollection>> WritableAsync(Service service, TaxiiCaller caller, CancellationToken cancellationToken) =>
        CollectionsAsync(new CollectionsKey(service.Id, caller.UserId, caller.IsAdmin, Write: true), TaxiiAccess.Writable(db, service, caller), cancellationToken);

    /// <summary>
    /// Every available poll and inbox service with the collections it serves, by service id; for an anonymous caller
    /// only those that require no authentication.
    /// </summary>
    public Task<IReadOnlyList<ServiceLink>> LinksAsync(bool anonymous, CancellationToken cancellationToken) =>
        links.GetOrLoadAsync(anonymous, async () =>
        {
            var read = await db.Services.AsNoTracking()
                .Where(s => (s.Type == ServiceType.Poll || s.Type == ServiceType.Inbox) && s.Available)
                .Where(s => !anonymous || !s.AuthenticationRequired)
                .SelectMany(s => s.Collections.Select(c => new { CollectionId = c.Id, s.Id, s.Type, s.Path }))
                .OrderBy(l => l.Id)
                .ToListAsync(cancellationToken);
            return (IReadOnlyList<ServiceLink>)[.. read.Select(l => new ServiceLink(l.CollectionId, l.Id, l.Type, l.Path))];
        });

    private Task<IReadOnlyList<CatalogCollection>> CollectionsAsync(CollectionsKey key, IQueryable<Collection> query, CancellationToken cancellationToken) =>
        collections.GetOrLoadAsync(key, async () => (IReadOnlyList<CatalogCollection>)await query.Prepared().AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new CatalogCollection(c.Id, c.Name, c.Description, c.Type, c.ContentBindings, c.CreatedAt))
            .ToListAsync(cancellationToken));

    /// <summary>Whom a list of collections was read for: rights depend on the caller and on the service's authentication.</summary>
    internal readonly record struct CollectionsKey(int ServiceId, int? UserId, bool IsAdmin, bool Write);
}

/// <summary>A collection as TAXII requests need it. Shared between requests: never changed.</summary>
internal sealed record CatalogCollection(int Id, string Name, string? Description, CollectionType Type, IReadOnlyList<string> ContentBindings, DateTimeOffset CreatedAt);

/// <summary>A poll or inbox service serving a collection.</summary>
internal sealed record ServiceLink(int CollectionId, int ServiceId, ServiceType Type, string Path);
