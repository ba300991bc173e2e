namespace Taxii.Server.Auth;

/// <summary><c>Taxii:Auth</c>.</summary>
internal sealed class AuthOptions
{
    public const string SectionName = "Taxii:Auth";

    /// <summary>
    /// How long a verified basic login is remembered, so that a client sending the same credentials on every
    /// request does not pay a password hash each time. 0 turns it off. A changed password or a deactivated user
    /// takes effect at the latest after this time (at once where the admin API invalidates it).
    /// </summary>
    public TimeSpan CredentialCacheLifetime { get; set; } = TimeSpan.FromSeconds(60);
}
