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

    /// <summary>
    /// How long what is known of a caller is reused without asking the database: its user and permissions, its API
    /// token, and that its client address and user name have no failed logins. Every host drops it at once when a user,
    /// group, role, token or certificate changes (the database notifies them); the lifetime bounds the rest: a change
    /// while a host's notification connection is down, and failed logins counted by another host. 0 turns it off.
    /// </summary>
    public TimeSpan CallerCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Failed logins allowed for one user name from one client address within <see cref="FailedLoginWindow"/>; after
    /// that, that user's attempts from that address are refused unchecked until the window ends.
    /// </summary>
    public int MaxFailedLoginsPerUser { get; set; } = 5;

    /// <summary>
    /// Failed logins (any user name, or API tokens) allowed from one client address within
    /// <see cref="FailedLoginWindow"/>; after that, every password and token attempt from it is refused unchecked.
    /// </summary>
    public int MaxFailedLoginsPerAddress { get; set; } = 50;

    /// <summary>The fixed window, from the first failure, in which failed logins are counted.</summary>
    public TimeSpan FailedLoginWindow { get; set; } = TimeSpan.FromMinutes(15);
}
