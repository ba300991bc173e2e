using Microsoft.AspNetCore.Identity;

namespace Taxii.Core.Security;

/// <summary>ASP.NET Core Identity's password hasher (PBKDF2, salted, versioned). Passwords are never stored or logged.</summary>
public sealed class PasswordHashing
{
    private readonly PasswordHasher<User> _hasher = new();

    public string Hash(User user, string password) => _hasher.HashPassword(user, password);

    /// <summary>True when <paramref name="password"/> matches; the comparison inside is constant-time.</summary>
    public bool Verify(User user, string password, out bool needsRehash)
    {
        needsRehash = false;
        if (user.PasswordHash is null)
        {
            return false;
        }

        var result = _hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        needsRehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }
}
