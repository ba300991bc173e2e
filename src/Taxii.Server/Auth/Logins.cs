using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Persistence;

namespace Taxii.Server.Auth;

internal static class Logins
{
    /// <summary>The user's permissions: those of its own roles and of its groups' roles.</summary>
    public static async Task<Login> LoadAsync(TaxiiDbContext db, Core.Security.User user, CancellationToken cancellationToken)
    {
        var permissions = await db.Roles.AsNoTracking()
            .Where(r => r.Users.Any(u => u.Id == user.Id) || r.Groups.Any(g => g.Memberships.Any(m => m.UserId == user.Id)))
            .Select(r => r.Permissions)
            .ToListAsync(cancellationToken);
        return new Login(user.Id, user.Name, user.IsAdmin, [.. permissions.SelectMany(p => p).Distinct(StringComparer.Ordinal)]);
    }

    public static ClaimsPrincipal Principal(Login login, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, login.Name),
            new(TaxiiClaims.UserId, login.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (login.IsAdmin)
        {
            claims.Add(new Claim(TaxiiClaims.Admin, "true"));
        }

        claims.AddRange(login.Permissions.Select(p => new Claim(TaxiiClaims.Permission, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
