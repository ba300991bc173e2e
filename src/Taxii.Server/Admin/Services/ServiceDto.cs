using System.Linq.Expressions;
using Taxii.Core.Collections;

namespace Taxii.Server.Admin.Services;

public sealed record ServiceDto(
    int Id,
    ServiceType Type,
    string Path,
    string? Description,
    bool Available,
    bool AuthenticationRequired,
    bool DestinationCollectionRequired,
    IReadOnlyList<int> CollectionIds,
    bool AdvertiseDefaultQuery,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static readonly Expression<Func<Service, ServiceDto>> Projection = s => new ServiceDto(
        s.Id, s.Type, s.Path, s.Description, s.Available, s.AuthenticationRequired, s.DestinationCollectionRequired,
        s.Collections.OrderBy(c => c.Id).Select(c => c.Id).ToList(), s.AdvertiseDefaultQuery, s.CreatedAt, s.UpdatedAt);
}
