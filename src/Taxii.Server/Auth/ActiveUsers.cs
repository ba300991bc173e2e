using Taxii.Persistence;
using Taxii.Persistence.Configurations;

namespace Taxii.Server.Auth;

/// <summary>
/// The active user by name with its permissions (or none), as basic authentication and the web UI's session check
/// need on every request: read from the database once per <see cref="AuthOptions.CallerCacheLifetime"/> and after any
/// change to users, groups or roles (<see cref="AccessCache{TKey,TValue}"/>). Unknown and inactive names are kept too,
/// so a wrong name costs what a wrong password costs; names longer than any user's are looked up unkept.
/// </summary>
internal sealed class ActiveUsers(TaxiiDbContext db, AccessCache<string, (Core.Security.User User, Login Login)?> cache)
{
    public async Task<(Core.Security.User User, Login Login)?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var cacheable = name.Length <= Limits.NameLength;
        if (cacheable && cache.TryGet(name, out var known))
        {
            return known;
        }

        var stamp = cache.Stamp();
        var found = await Logins.FindActiveAsync(db, name, cancellationToken);
        if (cacheable)
        {
            cache.Remember(name, stamp, found);
        }

        return found;
    }
}
