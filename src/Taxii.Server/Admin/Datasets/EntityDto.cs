using System.Linq.Expressions;
using Taxii.Core.Entities;

namespace Taxii.Server.Admin.Datasets;

public sealed record EntityDto(
    long Id,
    string ExternalId,
    EntityType Type,
    string? Title,
    string? Description,
    Tlp? Tlp,
    string? Reliability,
    DateTimeOffset? ValidFrom,
    IReadOnlyList<string> Sources,
    string? Data,
    long? RawContentBlockId,
    IReadOnlyList<ObservableDto> Observables,
    IReadOnlyList<RelationDto> Relations,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static readonly Expression<Func<Entity, EntityDto>> Projection = e => new EntityDto(
        e.Id, e.ExternalId, e.Type, e.Title, e.Description, e.Tlp,
        e.Reliability == null ? null : e.Reliability.ToString(),
        e.ValidFrom, e.Sources, e.Data, e.RawContentBlockId,
        e.Observables.OrderBy(o => o.Kind).ThenBy(o => o.Value).Select(o => new ObservableDto(o.Kind, o.Value, o.Maliciousness)).ToList(),
        e.Relations.OrderBy(r => r.Type).ThenBy(r => r.TargetExternalId).Select(r => new RelationDto(r.Type, r.TargetExternalId)).ToList(),
        e.CreatedAt, e.UpdatedAt);
}
