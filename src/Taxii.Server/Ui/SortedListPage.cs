using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Taxii.Server.Ui;

/// <summary>
/// A list page sorted by a column and paged by number: <c>?sort=</c>, <c>?dir=asc|desc</c> and <c>?p=</c> in the query
/// string (a reload or a shared link keeps them), pages of <see cref="PageSize"/> rows, fetched one row longer to know
/// whether a next page exists. For configuration lists (tens of rows); long tables page by key instead. A page that
/// filters its rows keeps its filter in the links by overriding <see cref="KeepInLinks"/>. A list with no default column
/// shows its rows in creation order, and its links carry no sort until one is chosen.
/// </summary>
internal abstract class SortedListPage<TEntity, TRow> : PageModel, ISortedList
{
    public const int PageSize = 25;

    private readonly Func<ClaimsPrincipal, ListSort<TEntity>> _sortingFor;

    private ListSort<TEntity>? _sorting;

    protected SortedListPage(ListSort<TEntity> sorting) => _sortingFor = _ => sorting;

    /// <summary>A list whose order depends on the user (what they may see): its sort is made for the signed-in user.</summary>
    protected SortedListPage(Func<ClaimsPrincipal, ListSort<TEntity>> sortingFor) => _sortingFor = sortingFor;

    public const string PageParameter = "p";

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "dir")]
    public string? Direction { get; set; }

    // not "page": Razor Pages keeps that route value for the page's own name, so ?page=2 would never bind
    [BindProperty(SupportsGet = true, Name = PageParameter)]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page's rows; a page may complete them after <see cref="LoadRowsAsync"/> (with each row's last run, say).</summary>
    public IReadOnlyList<TRow> Rows { get; protected set; } = [];

    public bool HasNextPage { get; private set; }

    /// <summary>The sorted column; null when the list has no default column and none is chosen (creation order).</summary>
    public string? Column => Sorting.IsColumn(Sort) ? Sort! : Sorting.DefaultColumn;

    public bool Descending => Column is not null && string.Equals(Direction, "desc", StringComparison.Ordinal);

    private ListSort<TEntity> Sorting => _sorting ??= _sortingFor(User);

    /// <summary>The header's link: ascending first, the other way when the column is already sorted.</summary>
    public string SortLink(string column) => Link(column, column == Column && !Descending ? "desc" : "asc", null);

    public string PageLink(int page) => Link(Column, Descending ? "desc" : "asc", page);

    public string FirstPageLink() => Link(Column, Descending ? "desc" : "asc", null);

    public string? AriaSort(string column) => column == Column ? (Descending ? "descending" : "ascending") : null;

    /// <summary>Loads the current page of <paramref name="rows"/> in the chosen order.</summary>
    protected async Task LoadRowsAsync(IQueryable<TEntity> rows, Expression<Func<TEntity, TRow>> projection, CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var fetched = await Sorting.Apply(rows, Column, Descending)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(projection).ToListAsync(cancellationToken);
        HasNextPage = fetched.Count > PageSize;
        Rows = fetched.Take(PageSize).ToList();
    }

    /// <summary>Query values the sort and page links carry besides the sort and page (a filter, say).</summary>
    protected virtual void KeepInLinks(RouteValueDictionary values)
    {
    }

    private string Link(string? column, string direction, int? page)
    {
        var values = new RouteValueDictionary();
        if (column is not null)
        {
            values["sort"] = column;
            values["dir"] = direction;
        }

        if (page is { } p)
        {
            values[PageParameter] = p;
        }

        KeepInLinks(values);
        return Url.Page(RouteData.Values["page"] as string, values)!;
    }
}
