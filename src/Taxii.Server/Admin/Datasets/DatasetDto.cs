using System.Linq.Expressions;
using Taxii.Core.Datasets;

namespace Taxii.Server.Admin.Datasets;

public sealed record DatasetDto(int Id, string Name, string? Description, IReadOnlyList<int> GroupIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static readonly Expression<Func<Dataset, DatasetDto>> Projection = d => new DatasetDto(
        d.Id, d.Name, d.Description, d.Access.OrderBy(a => a.GroupId).Select(a => a.GroupId).ToList(), d.CreatedAt, d.UpdatedAt);
}
