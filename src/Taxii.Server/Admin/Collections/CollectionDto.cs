using System.Linq.Expressions;
using Taxii.Core.Collections;

namespace Taxii.Server.Admin.Collections;

public sealed record CollectionDto(
    int Id,
    string Name,
    string? Description,
    CollectionType Type,
    bool Enabled,
    IReadOnlyList<string> ContentBindings,
    IReadOnlyList<int> SourceDatasetIds,
    IReadOnlyList<int> ServiceIds,
    IReadOnlyList<CollectionGroupDto> Groups,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static readonly Expression<Func<Collection, CollectionDto>> Projection = c => new CollectionDto(
        c.Id, c.Name, c.Description, c.Type, c.Enabled, c.ContentBindings,
        c.SourceDatasets.OrderBy(d => d.Id).Select(d => d.Id).ToList(),
        c.Services.OrderBy(s => s.Id).Select(s => s.Id).ToList(),
        c.Access.OrderBy(a => a.GroupId).Select(a => new CollectionGroupDto(a.GroupId, a.CanRead, a.CanWrite)).ToList(),
        c.CreatedAt, c.UpdatedAt);
}
