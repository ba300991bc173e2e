using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Taxii.Core.Security;

namespace Taxii.Persistence;

/// <summary>
/// A counter that moves whenever who may do what changes: users, groups, memberships, roles, role grants, API tokens,
/// client certificates, and the TAXII services, collections and collection rights. Caches of callers (their user,
/// permissions, tokens) and of what they may reach (the collections of a service they may read or write) remember the counter they were filled
/// at and count as stale once it moved, so a change applies to the next request. It moves on two signals: this
/// host saving such a change through one of its <see cref="TaxiiDbContext"/>s (at once, before the writer's answer leaves),
/// and PostgreSQL's <c>taxii_access</c> notification, sent by triggers on those tables after any writer commits (other
/// hosts, the command line, plain SQL), which the server listens to (<see cref="AccessChangeListener"/>). One per host.
/// </summary>
public sealed class AccessChanges
{
    /// <summary>The notification channel the triggers of migration <c>AccessChangeNotifications</c> send on.</summary>
    public const string Channel = "taxii_access";

    /// <summary>The tables whose rows decide a caller's identity and permissions.</summary>
    public static readonly IReadOnlySet<string> Tables = new HashSet<string>(StringComparer.Ordinal)
    {
        "users", "groups", "group_memberships", "roles", "group_roles", "user_roles", "api_tokens", "user_certificates",
        "services", "collections", "service_collections", "collection_access",
    };

    private long _generation;

    public AccessChanges() => Interceptor = new SavingInterceptor(this);

    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Added to the host's contexts: moves the counter when one saves a change to access.</summary>
    internal IInterceptor Interceptor { get; }

    /// <summary>Marks everything cached about callers as stale.</summary>
    public void Moved() => Interlocked.Increment(ref _generation);

    /// <summary>A token's last-use time is written as it is used: it changes nobody's access.</summary>
    private static bool ChangesAccess(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.State is EntityState.Added or EntityState.Deleted
            || (entry.State == EntityState.Modified
                && (entry.Entity is not ApiToken || entry.Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(ApiToken.LastUsedAt))));

    private static bool Touches(DbContext context) =>
        context.ChangeTracker.Entries().Any(e => Tables.Contains(e.Metadata.GetTableName() ?? "") && ChangesAccess(e));

    /// <summary>
    /// Moves the counter before the rows are written and again once they are: a request that read the old rows in
    /// between cached them under the first move, which the second makes stale. The notification follows the commit.
    /// </summary>
    private sealed class SavingInterceptor(AccessChanges changes) : SaveWatcher<object>
    {
        private static readonly object Access = new();

        protected override object? Touched(DbContext context) => Touches(context) ? Access : null;

        protected override void Changed(object touched) => changes.Moved();
    }
}
