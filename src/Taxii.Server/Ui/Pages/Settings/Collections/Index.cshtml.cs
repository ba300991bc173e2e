using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Collections;
using Taxii.Server.Ui.CollectionsView;

namespace Taxii.Server.Ui.Pages.Settings.Collections;

/// <summary>
/// Settings › STIX and TAXII › Collections: the collections the user may see (as <c>GET /api/v1/collections</c> lists
/// them), filtered by a part of the name (<c>?name=</c>, as the REST list), sorted by a column in the query string and
/// paged by number; the sort and page links keep the filter.
/// </summary>
[Authorize(Policy = Permissions.ReadTaxiiServices)]
internal sealed class IndexModel(TaxiiDbContext db, UiNavigation navigation) : SortedListPage<Collection, CollectionRow>(CollectionSort.Instance)
{
    [BindProperty(SupportsGet = true, Name = "name")]
    public string? NameFilter { get; set; }

    public bool MayModify { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NameFilter = string.IsNullOrWhiteSpace(NameFilter) ? null : NameFilter.Trim();
        MayModify = await navigation.MayAsync(User, Permissions.ModifyTaxiiServices);
        var visible = CollectionOperations.Named(CollectionOperations.Visible(db, User).AsNoTracking(), NameFilter);
        await LoadRowsAsync(visible, CollectionRow.Projection, cancellationToken);
    }

    protected override void KeepInLinks(RouteValueDictionary values)
    {
        if (NameFilter is not null)
        {
            values["name"] = NameFilter;
        }
    }
}
