using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Datasets;

namespace Taxii.Server.Ui.DatasetsView;

/// <summary>The dataset list's sortable columns, ordered in the database, then by id so pages keep one order.</summary>
internal sealed class DatasetSort() : ListSort<Dataset>(Name, [Name, Id, Created, Updated], d => d.Id)
{
    public const string Name = "name";
    public const string Id = "id";
    public const string Created = "created";
    public const string Updated = "updated";

    public static DatasetSort Instance { get; } = new();

    protected override IOrderedQueryable<Dataset> Order(IQueryable<Dataset> datasets, string column, bool descending) =>
        column switch
        {
            Id => By(datasets, d => d.Id, descending),
            Created => By(datasets, d => d.CreatedAt, descending),
            Updated => By(datasets, d => d.UpdatedAt, descending),
            // names byte-wise ("C"), the same on every server whatever its locale
            _ => By(datasets, d => EF.Functions.Collate(d.Name, "C"), descending),
        };
}

/// <summary>A row of the dataset list.</summary>
internal sealed record DatasetRow(int Id, string Name, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static readonly Expression<Func<Dataset, DatasetRow>> Projection = d => new DatasetRow(d.Id, d.Name, d.Description, d.CreatedAt, d.UpdatedAt);
}
