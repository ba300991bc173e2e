using System.Linq.Expressions;

namespace Taxii.Server.Ui;

/// <summary>
/// A list's sortable columns, ordered in the database: each column by what it shows, then by id so equal values keep
/// one order across pages and reloads. A list names its columns and says how each orders (<see cref="Order"/>).
/// </summary>
internal abstract class ListSort<TEntity>(string defaultColumn, IReadOnlyList<string> columns, Expression<Func<TEntity, int>> id)
{
    public IReadOnlyList<string> Columns => columns;

    /// <summary>The column a list is sorted by when the query string names none (or an unknown one).</summary>
    public string DefaultColumn => defaultColumn;

    public bool IsColumn(string? column) => column is not null && columns.Contains(column);

    public IOrderedQueryable<TEntity> Apply(IQueryable<TEntity> rows, string column, bool descending)
    {
        var ordered = Order(rows, column, descending);
        return descending ? ordered.ThenByDescending(id) : ordered.ThenBy(id);
    }

    /// <summary>Orders by <paramref name="column"/> alone; <see cref="Apply"/> adds the id.</summary>
    protected abstract IOrderedQueryable<TEntity> Order(IQueryable<TEntity> rows, string column, bool descending);

    protected static IOrderedQueryable<TEntity> By<TKey>(IQueryable<TEntity> rows, Expression<Func<TEntity, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
}
