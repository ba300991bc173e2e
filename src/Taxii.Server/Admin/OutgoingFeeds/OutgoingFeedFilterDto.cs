using Taxii.Core.Entities;
using Taxii.Core.Feeds;

namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>
/// What a feed publishes of its datasets; every empty criterion lets everything through. <c>maxTlp</c>: the least
/// shareable TLP published; <c>minReliability</c>: the least reliable source published (A best … F);
/// <c>observableKinds</c>: only entities with observables of these kinds, and only those observables;
/// <c>from</c>/<c>until</c>/<c>maxAgeHours</c>: bounds on when the intelligence holds (valid-from, else first stored).
/// </summary>
public sealed record OutgoingFeedFilterDto(
    IReadOnlyList<EntityType>? EntityTypes = null,
    Tlp? MaxTlp = null,
    string? MinReliability = null,
    IReadOnlyList<string>? ObservableKinds = null,
    DateTimeOffset? From = null,
    DateTimeOffset? Until = null,
    int? MaxAgeHours = null)
{
    public static OutgoingFeedFilterDto FromFilter(OutgoingFeedFilter f) => new(
        f.EntityTypes, f.MaxTlp, f.MinReliability?.ToString(), f.ObservableKinds, f.From, f.Until,
        f.MaxAge is { } age ? (int)age.TotalHours : null);

    public OutgoingFeedFilter ToFilter() => new()
    {
        EntityTypes = [.. (EntityTypes ?? []).Distinct()],
        MaxTlp = MaxTlp,
        MinReliability = string.IsNullOrEmpty(MinReliability) ? null : char.ToUpperInvariant(MinReliability[0]),
        ObservableKinds = [.. (ObservableKinds ?? []).Select(k => k.Trim().ToLowerInvariant()).Distinct()],
        From = From,
        Until = Until,
        MaxAge = MaxAgeHours is { } hours ? TimeSpan.FromHours(hours) : null,
    };
}
