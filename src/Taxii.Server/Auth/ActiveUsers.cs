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
    public Task<(Core.Security.User User, Login Login)?> FindAsync(string name, CancellationToken cancellationToken) =>
        name.Length <= Limits.NameLength
            ? cache.GetOrLoadAsync(name, () => Logins.FindActiveAsync(db, name, cancellationToken))
            : Logins.FindActiveAsync(db, name, cancellationToken);
}
