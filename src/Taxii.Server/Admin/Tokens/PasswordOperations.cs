using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Auth;
using Taxii.Server.Hosting;

namespace Taxii.Server.Admin.Tokens;

/// <summary>
/// The caller changes its own password: the rule behind both <c>POST /api/v1/me/password</c> and My account in the web
/// UI. The current password is checked by <see cref="PasswordLogins"/> (as sign-in and basic authentication check it:
/// a wrong one counts as a failed login, and too many are throttled); the new one passes the same length rule as user
/// creation. One audit entry; the caller's API tokens are not touched.
/// </summary>
internal sealed class PasswordOperations(TaxiiDbContext db, PasswordLogins logins, PasswordHashing passwords, TimeProvider time)
{
    public async Task<PasswordChange> ChangeAsync(ChangePasswordRequest body, ClaimsPrincipal caller, IPAddress? address, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Check(!string.IsNullOrEmpty(body.CurrentPassword), "currentPassword", "currentPassword is required")
            .Check(body.NewPassword is { Length: >= AdminCommand.MinimumPasswordLength and <= 1024 }, "newPassword",
                $"newPassword must be {AdminCommand.MinimumPasswordLength} to 1024 characters");
        if (!validation.IsValid)
        {
            return new PasswordChange(null, null, validation, null);
        }

        var userId = Taxii.TaxiiCaller.From(caller).UserId;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return PasswordChange.Wrong;
        }

        var check = await logins.VerifyAsync(address, user.Name, body.CurrentPassword, cancellationToken);
        if (check.Throttled is { } throttled)
        {
            return new PasswordChange(null, null, null, throttled);
        }

        if (check.Login is not { } login)
        {
            return PasswordChange.Wrong;
        }

        user.PasswordHash = passwords.Hash(user, body.NewPassword);
        user.UpdatedAt = time.GetUtcNow();
        AuditLog.Record(db, caller, time, "update", "me/password", "password");
        await db.SaveChangesAsync(cancellationToken);
        return new PasswordChange(login, Logins.PasswordStamp(user.PasswordHash), null, null);
    }
}
