using System.Linq.Expressions;
using Taxii.Core.Security;

namespace Taxii.Server.Admin.Groups;

public sealed record GroupDto(int Id, string Name, string? Description, IReadOnlyList<int> MemberIds, IReadOnlyList<int> RoleIds, DateTimeOffset CreatedAt)
{
    public static readonly Expression<Func<Group, GroupDto>> Projection = g => new GroupDto(
        g.Id, g.Name, g.Description,
        g.Memberships.OrderBy(m => m.UserId).Select(m => m.UserId).ToList(),
        g.Roles.OrderBy(r => r.Id).Select(r => r.Id).ToList(),
        g.CreatedAt);
}
