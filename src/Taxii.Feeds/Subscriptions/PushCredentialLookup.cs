using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Persistence;

namespace Taxii.Feeds.Subscriptions;

/// <summary>
/// Which <see cref="PushCredential"/> a push address gets: the one with the longest prefix the address starts with,
/// both compared in one normalized form, so that <c>HTTPS://Partner.Example:443</c> and <c>https://partner.example/</c>
/// are the same prefix. The normalized form always has a path, so a prefix's host ends where the address's does
/// (<c>https://partner.example/</c> is no prefix of <c>https://partner.example.attacker.test/</c>).
/// </summary>
public static class PushCredentialLookup
{
    /// <summary>The form prefixes are stored in and addresses compared in.</summary>
    public static string Normalize(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AbsoluteUri;
    }

    /// <summary>The credentials pushes to <paramref name="address"/> present, or null: pushed without any.</summary>
    public static Task<PushCredential?> ForAsync(TaxiiDbContext db, Uri address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var normalized = Normalize(address);
        // administrators' rows, a handful: no index can serve "prefix of a value", and none is needed
        return db.PushCredentials.AsNoTracking()
            .Where(c => normalized.StartsWith(c.AddressPrefix))
            .OrderByDescending(c => c.AddressPrefix.Length)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
