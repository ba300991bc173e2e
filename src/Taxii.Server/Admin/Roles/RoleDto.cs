using System.Linq.Expressions;
using Taxii.Core.Security;

namespace Taxii.Server.Admin.Roles;

public sealed record RoleDto(int Id, string Name, string? Description, IReadOnlyList<string> Permissions)
{
    public static readonly Expression<Func<Role, RoleDto>> Projection = r => new RoleDto(r.Id, r.Name, r.Description, r.Permissions);
}
