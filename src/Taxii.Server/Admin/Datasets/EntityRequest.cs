using System.Text.Json;
using Taxii.Core.Entities;

namespace Taxii.Server.Admin.Datasets;

/// <summary>
/// An entity to add; with a known <c>externalId</c> it updates that entity. <c>data</c> is any JSON object;
/// <c>relations</c> link it to other entities by their external ids.
/// </summary>
[OpenApiExample(@"{""type"":""indicator"",""title"":""C2 address"",""tlp"":""amber"",""reliability"":""B"",""sources"":[""analyst""],""observables"":[{""kind"":""ipv4"",""value"":""198.51.100.7"",""maliciousness"":""high""}]}")]
public sealed record EntityRequest(
    EntityType Type,
    string? ExternalId,
    string? Title,
    string? Description,
    Tlp? Tlp,
    string? Reliability,
    DateTimeOffset? ValidFrom,
    IReadOnlyList<string>? Sources,
    JsonElement? Data,
    IReadOnlyList<ObservableDto>? Observables,
    IReadOnlyList<RelationDto>? Relations = null);
