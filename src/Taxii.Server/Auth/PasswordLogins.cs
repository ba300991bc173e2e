using System.Net;
using Taxii.Core.Security;

namespace Taxii.Server.Auth;

/// <summary>
/// Checks a user name and password: the one code path behind basic authentication and the web UI's sign-in form, so
/// both apply the same failed-login limits (<see cref="LoginThrottle"/>), the same constant-time answer for unknown
/// users and the same credential cache. One per request, as <see cref="LoginThrottle"/> is.
/// </summary>
internal sealed class PasswordLogins(ActiveUsers users, PasswordHashing passwords, CredentialCache cache, LoginThrottle throttle)
{
    /// <summary>Verified against when the user does not exist, so both cases take the same time.</summary>
    private static readonly Lazy<User> Decoy = new(() =>
    {
        var user = new User { Name = "decoy" };
        user.PasswordHash = new PasswordHashing().Hash(user, Guid.NewGuid().ToString());
        return user;
    });

    /// <summary>
    /// The verified login, or why there is none. <paramref name="name"/> null: the credentials could not be read at all
    /// (counted against the address only).
    /// </summary>
    public async Task<PasswordLoginResult> VerifyAsync(IPAddress? address, string? name, string password, CancellationToken cancellationToken)
    {
        // checked before anything else, the same way for known and unknown names: a blocked attempt costs no password
        // hash and reveals nothing, even when the password is right
        if (await throttle.RetryAfterAsync(address, name, cancellationToken) is { } wait)
        {
            return new PasswordLoginResult(null, new LoginThrottled(wait));
        }

        if (name is null)
        {
            await throttle.FailedAsync(address, null);
            return PasswordLoginResult.Invalid;
        }

        // a password, role or deactivation changed through any host applies to the next request (ActiveUsers)
        var found = await users.FindAsync(name, cancellationToken);
        var user = found?.User;
        if (user?.PasswordHash is not { } stored || !cache.IsVerified(user.Id, stored, password))
        {
            // unknown user and wrong password take the same time and get the same answer: no user enumeration
            if (!passwords.Verify(user ?? Decoy.Value, password, out _) || user?.PasswordHash is null)
            {
                await throttle.FailedAsync(address, name);
                return PasswordLoginResult.Invalid;
            }

            cache.Remember(user.Id, user.PasswordHash, password);
        }

        if (found is not { Login: var login })
        {
            await throttle.FailedAsync(address, name);
            return PasswordLoginResult.Invalid;
        }

        await throttle.SucceededAsync(address, name);
        return new PasswordLoginResult(login, null) { PasswordStamp = Logins.PasswordStamp(user.PasswordHash) };
    }
}
