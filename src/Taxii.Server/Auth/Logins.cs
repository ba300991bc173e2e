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
        return ToLogin(user, permissions);
    }

    /// <summary>
    /// The active user named <paramref name="name"/> and its permissions, read together in one round trip (basic
    /// authentication reads both on every request, so a changed password, role or deactivation applies at once).
    /// </summary>
    public static async Task<(Core.Security.User User, Login Login)?> FindActiveAsync(TaxiiDbContext db, string name, CancellationToken cancellationToken)
    {
        var found = await FindActive(db, name, cancellationToken);
        return found is null
            ? null
            : (found.User, ToLogin(found.User, found.Permissions));
    }

    /// <summary>A user and the permission sets of the roles it holds, merged.</summary>
    private static Login ToLogin(Core.Security.User user, IEnumerable<List<string>> rolePermissions) =>
        new(user.Id, user.Name, user.IsAdmin, [.. rolePermissions.SelectMany(p => p).Distinct(StringComparer.Ordinal)]);

    // compiled once and prepared on each connection: this runs on every authenticated request
    private static readonly Func<TaxiiDbContext, string, CancellationToken, Task<UserPermissions?>> FindActive =
        EF.CompileAsyncQuery((TaxiiDbContext db, string name, CancellationToken cancellationToken) => db.Users.Prepared().AsNoTracking()
            .Where(u => u.Name == name && u.IsActive)
            .Select(u => new UserPermissions(u, db.Roles
                .Where(r => r.Users.Any(x => x.Id == u.Id) || r.Groups.Any(g => g.Memberships.Any(m => m.UserId == u.Id)))
                .Select(r => r.Permissions)
                .ToList()))
            .SingleOrDefault());

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

    /// <summary>
    /// A short digest of a stored password hash: a web UI session carries it and ends when the password changes (the
    /// hash itself never leaves the server, not even inside the encrypted cookie).
    /// </summary>
    public static string PasswordStamp(string storedHash) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(storedHash)), 0, 16);

    private sealed record UserPermissions(Core.Security.User User, List<List<string>> Permissions);
}
