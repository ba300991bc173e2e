namespace Taxii.Server.Admin.Datasets;

/// <summary>
/// The outcome of changing a dataset through <see cref="DatasetOperations"/>: the REST endpoints answer it as HTTP
/// results, the web UI as pages (field errors beside the inputs). All null: no such dataset the caller sees.
/// </summary>
internal sealed record DatasetChange(DatasetDto? Dataset, Validation? Invalid, string? Conflict)
{
    public static DatasetChange NotFound { get; } = new(null, null, null);
}
