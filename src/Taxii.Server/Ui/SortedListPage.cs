using System.Linq.Expressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Taxii.Server.Ui;

/// <summary>
/// A list page sorted by a column and paged by number: <c>?sort=</c>, <c>?dir=asc|desc</c> and <c>?p=</c> in the query
/// string (a reload or a shared link keeps them), pages of <see cref="PageSize"/> rows, fetched one row longer to know
/// whether a next page exists. For configuration lists (tens of rows); long tables page by key instead. A page that
/// filters its rows keeps its filter in the links by overriding <see cref="KeepInLinks"/>.
/// </summary>
internal abstract class SortedListPage<TEntity, TRow>(ListSort<TEntity> sorting) : PageModel, ISortedList
{
    public const int PageSize = 25;

    public const string PageParameter = "p";

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "dir")]
    public string? Direction { get; set; }

    // not "page": Razor Pages keeps that route value for the page's own name, so ?page=2 would never bind
    [BindProperty(SupportsGet = true, Name = PageParameter)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<TRow> Rows { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public string Column => sorting.IsColumn(Sort) ? Sort! : sorting.DefaultColumn;

    public bool Descending => string.Equals(Direction, "desc", StringComparison.Ordinal);

    /// <summary>The header's link: ascending first, the other way when the column is already sorted.</summary>
    public string SortLink(string column) => Link(column, column == Column && !Descending ? "desc" : "asc", null);

    public string PageLink(int page) => Link(Column, Descending ? "desc" : "asc", page);

    public string? AriaSort(string column) => column == Column ? (Descending ? "descending" : "ascending") : null;

    /// <summary>Loads the current page of <paramref name="rows"/> in the chosen order.</summary>
    protected async Task LoadRowsAsync(IQueryable<TEntity> rows, Expression<Func<TEntity, TRow>> projection, CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var fetched = await sorting.Apply(rows, Column, Descending)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(projection).ToListAsync(cancellationToken);
        HasNextPage = fetched.Count > PageSize;
        Rows = fetched.Take(PageSize).ToList();
    }

    /// <summary>Query values the sort and page links carry besides the sort and page (a filter, say).</summary>
    protected virtual void KeepInLinks(RouteValueDictionary values)
    {
    }

    private string Link(string column, string direction, int? page)
    {
        var values = new RouteValueDictionary { ["sort"] = column, ["dir"] = direction };
        if (page is { } p)
        {
            values[PageParameter] = p;
        }

        KeepInLinks(values);
        return Url.Page(RouteData.Values["page"] as string, values)!;
    }
}
