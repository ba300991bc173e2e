using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Persistence;
using Taxii.Server.Taxii;

namespace Taxii.Server.Ui;

/// <summary>The groups a form offers to share something with.</summary>
internal static class GroupChoices
{
    /// <summary>
    /// All groups for an administrator; otherwise the user's own and those the thing already names (<paramref name="named"/>),
    /// by name. The operations refuse a foreign group that stays ticked, with a message beside the choices.
    /// </summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> LoadAsync(TaxiiDbContext db, ClaimsPrincipal user, IEnumerable<int> named, CancellationToken cancellationToken)
    {
        var caller = TaxiiCaller.From(user);
        var ids = named.ToList();
        var groups = await db.Groups.AsNoTracking()
            .Where(g => caller.IsAdmin || ids.Contains(g.Id) || g.Memberships.Any(m => m.UserId == caller.UserId))
            .OrderBy(g => g.Name).ThenBy(g => g.Id).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken);
        return [.. groups.Select(g => (g.Id, g.Name))];
    }
}
