using System.Linq.Expressions;
using Taxii.Core.Security;

namespace Taxii.Server.Ui.AccessView;

/// <summary>A row of the users list: a user with the names of its roles and groups.</summary>
internal sealed record UserRow(int Id, string Name, string? Email, bool IsAdmin, bool IsActive, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups)
{
    public static readonly Expression<Func<User, UserRow>> Projection = u => new UserRow(
        u.Id, u.Name, u.Email, u.IsAdmin, u.IsActive,
        u.Roles.OrderBy(r => r.Name).Select(r => r.Name).ToList(),
        u.Memberships.OrderBy(m => m.Group!.Name).Select(m => m.Group!.Name).ToList());
}
