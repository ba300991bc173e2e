namespace Taxii.Server.Admin.Datasets;

/// <summary>A dataset and the groups that may see and use it.</summary>
[OpenApiExample(@"{""name"":""alice-shared"",""description"":""Intelligence Alice shares with Barbara"",""groupIds"":[1]}")]
public sealed record DatasetRequest(string Name, string? Description, IReadOnlyList<int>? GroupIds);
