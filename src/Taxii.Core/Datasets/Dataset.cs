namespace Taxii.Core.Datasets;

/// <summary>A named body of intelligence that feeds publish from and ingest into.</summary>
public sealed class Dataset
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Groups whose members see and use it; administrators always do.</summary>
    public List<DatasetAccess> Access { get; set; } = [];
}
