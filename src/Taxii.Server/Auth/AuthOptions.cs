namespace Taxii.Server.Auth;

/// <summary><c>Taxii:Auth</c>.</summary>
internal sealed class AuthOptions
{
    public const string SectionName = "Taxii:Auth";

    /// <summary>
    /// How long a verified basic-auth password is remembered (as a keyed hash, while the user's stored hash is
    /// unchanged), so a client sending it on every request does not pay a password hash each time. 0 turns it off.
    /// </summary>
    public TimeSpan CredentialCacheLifetime { get; set; } = TimeSpan.FromSeconds(60);
}
