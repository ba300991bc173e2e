namespace Taxii.Server.Admin.Datasets;

/// <summary>A page of entities in id order; pass <see cref="Next"/> back as <c>after</c>.</summary>
public sealed record EntityPage(IReadOnlyList<EntityDto> Items, long? Next);
