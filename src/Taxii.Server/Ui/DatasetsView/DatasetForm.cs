using Taxii.Server.Admin.Datasets;

namespace Taxii.Server.Ui.DatasetsView;

/// <summary>The dataset create and edit forms' fields: a <see cref="DatasetRequest"/> as HTML posts it.</summary>
internal sealed class DatasetForm
{
    // nullable: an empty name binds as null, and the API's own message ("name is required") shows, not MVC's implicit one
    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<int> GroupIds { get; set; } = [];

    public static DatasetForm From(DatasetDto d) => new() { Name = d.Name, Description = d.Description, GroupIds = [.. d.GroupIds] };

    /// <summary>The request the REST API would take.</summary>
    public DatasetRequest ToRequest() =>
        new(Name ?? string.Empty, string.IsNullOrWhiteSpace(Description) ? null : Description, [.. GroupIds.Distinct().Order()]);
}

/// <summary>What the dataset form (<c>_DatasetFields</c>, shared by the create and edit pages) shows.</summary>
internal interface IDatasetFormPage
{
    DatasetForm Input { get; }

    /// <summary>The groups the user may share the dataset with.</summary>
    IReadOnlyList<(int Id, string Name)> Groups { get; }
}
