using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;

namespace Taxii.Server.Ui.CollectionsView;

/// <summary>The collection list's sortable columns, ordered in the database, then by id so pages keep one order.</summary>
internal sealed class CollectionSort() : ListSort<Collection>(Name, [Name, Type, Available, Services], c => c.Id)
{
    public const string Name = "name";
    public const string Type = "type";
    public const string Available = "available";
    public const string Services = "services";

    public static CollectionSort Instance { get; } = new();

    protected override IOrderedQueryable<Collection> Order(IQueryable<Collection> collections, string column, bool descending) =>
        column switch
        {
            Type => By(collections, c => c.Type, descending),
            Available => By(collections, c => c.Enabled, descending),
            Services => By(collections, c => c.Services.Count, descending),
            // names byte-wise ("C"), the same on every server whatever its locale
            _ => By(collections, c => EF.Functions.Collate(c.Name, "C"), descending),
        };
}
