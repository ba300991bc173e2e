using System.Linq.Expressions;
using Taxii.Core.Security;

namespace Taxii.Server.Admin.Users;

public sealed record UserDto(
    int Id,
    string Name,
    string? Email,
    bool IsActive,
    bool IsAdmin,
    IReadOnlyList<int> RoleIds,
    IReadOnlyList<int> GroupIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static readonly Expression<Func<User, UserDto>> Projection = u => new UserDto(
        u.Id, u.Name, u.Email, u.IsActive, u.IsAdmin,
        u.Roles.OrderBy(r => r.Id).Select(r => r.Id).ToList(),
        u.Memberships.OrderBy(m => m.GroupId).Select(m => m.GroupId).ToList(),
        u.CreatedAt, u.UpdatedAt);
}
