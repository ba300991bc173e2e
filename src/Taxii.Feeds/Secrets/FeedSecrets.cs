using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Taxii.Feeds.Transports;

namespace Taxii.Feeds.Secrets;

/// <summary>
/// Encrypts the passwords and client certificates feeds keep (<c>ProtectedPassword</c>, <c>ProtectedClientCertificate</c>)
/// with ASP.NET Data Protection. The host keeps the key ring in PostgreSQL, so every instance can read what another wrote.
/// </summary>
public sealed class FeedSecrets(IDataProtectionProvider provider)
{
    /// <summary>The purpose string: changing it would make every stored secret unreadable.</summary>
    public const string Purpose = "Taxii.Feeds.Secrets.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return _protector.Protect(plaintext);
    }

    /// <exception cref="FeedDeliveryException">The value was tampered with, or was written with keys this host no longer has.</exception>
    public string Unprotect(string protectedValue)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        try
        {
            return _protector.Unprotect(protectedValue);
        }
        catch (CryptographicException e)
        {
            // the inner exception names the key id at most, never the plaintext
            throw new FeedDeliveryException("The stored secret cannot be decrypted: were the Data Protection keys lost? Enter the password or certificate again.", e);
        }
    }
}
