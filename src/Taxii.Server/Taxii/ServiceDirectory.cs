using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Taxii.Core.Collections;
using Taxii.Persistence;

namespace Taxii.Server.Taxii;

/// <summary>Finds the TAXII service at a request path. Cached briefly: every TAXII request asks.</summary>
internal sealed class ServiceDirectory(IServiceScopeFactory scopes, IMemoryCache cache, IOptions<TaxiiServiceOptions> options)
{
    private const string CacheKey = "taxii:services-by-path";

    /// <summary>Where <see cref="Discovery.DiscoveryHandler"/> keeps what it advertises to anonymous and to authenticated callers.</summary>
    public const string AnonymousDiscoveryKey = "taxii:discovery:anonymous";

    public const string AuthenticatedDiscoveryKey = "taxii:discovery:authenticated";

    public async Task<Service?> FindAsync(string path, CancellationToken cancellationToken)
    {
        var services = await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = options.Value.ServiceCacheLifetime;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TaxiiDbContext>();
            var all = await db.Services.AsNoTracking().ToListAsync(cancellationToken);
            return all.ToDictionary(s => Normalize(s.Path), StringComparer.Ordinal);
        });
        return services!.GetValueOrDefault(Normalize(path));
    }

    /// <summary>Forget the cache (and what discovery advertises) after services or collections change, so the change is seen at once.</summary>
    public void Invalidate()
    {
        cache.Remove(CacheKey);
        cache.Remove(AnonymousDiscoveryKey);
        cache.Remove(AuthenticatedDiscoveryKey);
    }

    /// <summary>Paths match with or without their trailing slash: clients differ on it.</summary>
    public static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;
}
