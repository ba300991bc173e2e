using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Collections;
using Taxii.Server.Ui.CollectionsView;

namespace Taxii.Server.Ui.Pages.Settings.Collections;

/// <summary>
/// Settings › STIX and TAXII › Collections: the collections the user may see (as <c>GET /api/v1/collections</c> lists
/// them), sorted by a column in the query string and paged by number.
/// </summary>
[Authorize(Policy = Permissions.ReadTaxiiServices)]
internal sealed class IndexModel(TaxiiDbContext db, UiNavigation navigation) : PageModel
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

    public IReadOnlyList<CollectionRow> Rows { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public bool MayModify { get; private set; }

    public string Column => CollectionSort.IsColumn(Sort) ? Sort! : CollectionSort.Name;

    public bool Descending => string.Equals(Direction, "desc", StringComparison.Ordinal);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        MayModify = await navigation.MayAsync(User, Permissions.ModifyTaxiiServices);
        var fetched = await CollectionSort.Apply(CollectionOperations.Visible(db, User).AsNoTracking(), Column, Descending)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(CollectionRow.Projection).ToListAsync(cancellationToken);
        HasNextPage = fetched.Count > PageSize;
        Rows = fetched.Take(PageSize).ToList();
    }

    /// <summary>The header's link: ascending first, the other way when the column is already sorted.</summary>
    public string SortLink(string column) =>
        Url.Page("/Settings/Collections/Index", new { sort = column, dir = column == Column && !Descending ? "desc" : "asc" })!;

    public string PageLink(int page) => Url.Page("/Settings/Collections/Index", new { sort = Column, dir = Descending ? "desc" : "asc", p = page })!;

    public string? AriaSort(string column) => column == Column ? (Descending ? "descending" : "ascending") : null;
}
