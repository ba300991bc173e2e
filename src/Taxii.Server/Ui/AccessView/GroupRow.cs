using System.Linq.Expressions;
using Taxii.Core.Security;

namespace Taxii.Server.Ui.AccessView;

/// <summary>A row of the groups list: a group with its member count and the names of its roles.</summary>
internal sealed record GroupRow(int Id, string Name, string? Description, int Members, IReadOnlyList<string> Roles)
{
    public static readonly Expression<Func<Group, GroupRow>> Projection = g => new GroupRow(
        g.Id, g.Name, g.Description, g.Memberships.Count, g.Roles.OrderBy(r => r.Name).Select(r => r.Name).ToList());
}
