using System.Globalization;
using System.Linq.Expressions;

namespace Taxii.Server.Ui.FeedsView;

/// <summary>
/// A feed list's order and page as the query string carries them (<c>sort</c>, <c>dir</c>, <c>p</c>), so a reload or a
/// shared link keeps them, as the TAXII view does. No column chosen: creation (id) order. Pages are numbered: feeds
/// are configuration, tens of rows.
/// </summary>
internal sealed record FeedListSort(string Path, IReadOnlyList<string> Columns, string? Sort, string? Direction, int Page)
{
    public const string PageParameter = "p";

    /// <summary>The sorted column, or null for creation order.</summary>
    public string? Column => Sort is not null && Columns.Contains(Sort) ? Sort : null;

    public bool Descending => Column is not null && string.Equals(Direction, "desc", StringComparison.Ordinal);

    public int PageNumber => Math.Max(1, Page);

    /// <summary>The header's link: ascending first, the other way when the column is already sorted ascending.</summary>
    public string SortLink(string column) => Link(column, column == Column && !Descending, 1);

    public string PageLink(int page) => Link(Column, Descending, page);

    public string? AriaSort(string column) => column == Column ? (Descending ? "descending" : "ascending") : null;

    public string Arrow(string column) => AriaSort(column) switch
    {
        "ascending" => "▲",
        "descending" => "▼",
        _ => string.Empty,
    };

    private string Link(string? column, bool descending, int page)
    {
        var parts = new List<string>();
        if (column is not null)
        {
            parts.Add($"sort={column}");
            parts.Add($"dir={(descending ? "desc" : "asc")}");
        }

        if (page > 1)
        {
            parts.Add($"{PageParameter}={page.ToString(CultureInfo.InvariantCulture)}");
        }

        return parts.Count == 0 ? Path : $"{Path}?{string.Join('&', parts)}";
    }
}

/// <summary>Ordering helpers for the feed lists: a key either way, and an enum column ranked by its label as shown.</summary>
internal static class FeedOrder
{
    public static IOrderedQueryable<T> By<T, TKey>(IQueryable<T> items, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? items.OrderByDescending(key) : items.OrderBy(key);

    /// <summary>A rank for <paramref name="value"/>: its position among <paramref name="values"/> sorted by label.</summary>
    public static Expression<Func<T, int>> RankByLabel<T, TValue>(Expression<Func<T, TValue>> value, IEnumerable<TValue> values, Func<TValue, string> label)
    {
        var ranked = values.OrderBy(label, StringComparer.Ordinal).ToList();
        Expression rank = Expression.Constant(ranked.Count);
        for (var i = ranked.Count - 1; i >= 0; i--)
        {
            rank = Expression.Condition(Expression.Equal(value.Body, Expression.Constant(ranked[i], typeof(TValue))), Expression.Constant(i), rank);
        }

        return Expression.Lambda<Func<T, int>>(rank, value.Parameters);
    }
}
