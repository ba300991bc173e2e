using Taxii.Core.Collections;
using Taxii.Persistence;

namespace Taxii.Server.Taxii;

/// <summary>
/// What a caller may see and use. Administrators: everything. A public service (no authentication required): every
/// collection it serves, for everyone. Otherwise: the collections a group of the caller was granted.
/// </summary>
internal static class TaxiiAccess
{
    public static bool CanSee(Service service, TaxiiCaller caller) => !service.AuthenticationRequired || caller.IsAuthenticated;

    /// <summary>Enabled collections of <paramref name="service"/> the caller may poll or subscribe to.</summary>
    public static IQueryable<Collection> Readable(TaxiiDbContext db, Service service, TaxiiCaller caller) =>
        Filter(Served(db, service), service, caller, write: false);

    /// <summary>Enabled collections of <paramref name="service"/> the caller may push content into.</summary>
    public static IQueryable<Collection> Writable(TaxiiDbContext db, Service service, TaxiiCaller caller) =>
        Filter(Served(db, service), service, caller, write: true);

    /// <summary>Whether the caller may read (or write) a collection whatever service it comes through (for subscription pushes).</summary>
    public static IQueryable<Collection> Granted(IQueryable<Collection> collections, TaxiiCaller caller, bool write)
    {
        if (caller.IsAdmin)
        {
            return collections;
        }

        var userId = caller.UserId;
        return userId is null
            ? collections.Where(_ => false)
            : collections.Where(c => c.Access.Any(a => (write ? a.CanWrite : a.CanRead) && a.Group!.Memberships.Any(m => m.UserId == userId)));
    }

    private static IQueryable<Collection> Served(TaxiiDbContext db, Service service) =>
        db.Collections.Where(c => c.Enabled && c.Services.Any(s => s.Id == service.Id));

    private static IQueryable<Collection> Filter(IQueryable<Collection> collections, Service service, TaxiiCaller caller, bool write) =>
        service.AuthenticationRequired ? Granted(collections, caller, write) : collections;
}
