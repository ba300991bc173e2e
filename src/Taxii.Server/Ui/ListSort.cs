using System.Linq.Expressions;

namespace Taxii.Server.Ui;

/// <summary>
/// A list's sortable columns, ordered in the database: each column by what it shows, then by id so equal values keep
/// one order across pages and reloads. A list names its columns and says how each orders (<see cref="Order"/>). A list
/// with no default column (<c>null</c>) shows its rows in creation (id) order until a column is chosen.
/// </summary>
/// <remarks>
/// A sort is usually one instance for all requests; one whose order needs the database or the user (a subquery, what
/// the user may see) is made for the request, with them (<see cref="SortedListPage{TEntity, TRow}"/> takes a factory).
/// </remarks>
internal abstract class ListSort<TEntity>(string? defaultColumn, IReadOnlyList<string> columns, Expression<Func<TEntity, int>> id)
{
    public IReadOnlyList<string> Columns => columns;

    /// <summary>The column a list is sorted by when the query string names none (or an unknown one); null: creation order.</summary>
    public string? DefaultColumn => defaultColumn;

    public bool IsColumn(string? column) => column is not null && columns.Contains(column);

    /// <summary>The rows ordered by <paramref name="column"/>, then by id; by id alone (ascending) when no column is given.</summary>
    public IOrderedQueryable<TEntity> Apply(IQueryable<TEntity> rows, string? column, bool descending)
    {
        if (column is null)
        {
            return rows.OrderBy(id);
        }

        var ordered = Order(rows, column, descending);
        return descending ? ordered.ThenByDescending(id) : ordered.ThenBy(id);
    }

    /// <summary>Orders by <paramref name="column"/> alone; <see cref="Apply"/> adds the id.</summary>
    protected abstract IOrderedQueryable<TEntity> Order(IQueryable<TEntity> rows, string column, bool descending);

    protected static IOrderedQueryable<TEntity> By<TKey>(IQueryable<TEntity> rows, Expression<Func<TEntity, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    /// <summary>
    /// A rank for an enum column shown by its label: <paramref name="value"/>'s position among <paramref name="values"/>
    /// sorted by <paramref name="label"/> byte-wise, so the list orders by the text the column shows.
    /// </summary>
    protected static Expression<Func<TEntity, int>> RankByLabel<TValue>(Expression<Func<TEntity, TValue>> value, IEnumerable<TValue> values, Func<TValue, string> label)
    {
        var ranked = values.OrderBy(label, StringComparer.Ordinal).ToList();
        Expression rank = Expression.Constant(ranked.Count);
        for (var i = ranked.Count - 1; i >= 0; i--)
        {
            rank = Expression.Condition(Expression.Equal(value.Body, Expression.Constant(ranked[i], typeof(TValue))), Expression.Constant(i), rank);
        }

        return Expression.Lambda<Func<TEntity, int>>(rank, value.Parameters);
    }
}
