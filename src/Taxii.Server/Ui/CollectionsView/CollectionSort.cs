using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;

namespace Taxii.Server.Ui.CollectionsView;

/// <summary>The collection list's sortable columns, ordered in the database, then by id so pages keep one order.</summary>
internal static class CollectionSort
{
    public const string Name = "name";
    public const string Type = "type";
    public const string Available = "available";
    public const string Services = "services";

    public static IReadOnlyList<string> Columns { get; } = [Name, Type, Available, Services];

    public static bool IsColumn(string? column) => column is not null && Columns.Contains(column);

    public static IOrderedQueryable<Collection> Apply(IQueryable<Collection> collections, string column, bool descending)
    {
        var ordered = column switch
        {
            Type => By(collections, c => c.Type, descending),
            Available => By(collections, c => c.Enabled, descending),
            Services => By(collections, c => c.Services.Count, descending),
            // names byte-wise ("C"), the same on every server whatever its locale
            _ => By(collections, c => EF.Functions.Collate(c.Name, "C"), descending),
        };
        return descending ? ordered.ThenByDescending(c => c.Id) : ordered.ThenBy(c => c.Id);
    }

    private static IOrderedQueryable<Collection> By<TKey>(IQueryable<Collection> collections, Expression<Func<Collection, TKey>> key, bool descending) =>
        descending ? collections.OrderByDescending(key) : collections.OrderBy(key);
}
