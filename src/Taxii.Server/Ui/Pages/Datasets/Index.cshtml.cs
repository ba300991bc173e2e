using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Datasets;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Datasets;
using Taxii.Server.Ui.DatasetsView;

namespace Taxii.Server.Ui.Pages.Datasets;

/// <summary>
/// Intelligence › Data › Datasets: the datasets shared with the user's groups (the REST API's visibility rule), filtered
/// by a part of the name (<c>?name=</c>, as <c>GET /api/v1/datasets</c> filters), sorted by a column in the query string
/// (<see cref="DatasetSort"/>) and paged by number; the sort and page links keep the filter.
/// </summary>
[Authorize(Policy = Permissions.ReadDatasets)]
internal sealed class IndexModel(TaxiiDbContext db, UiNavigation navigation) : SortedListPage<Dataset, DatasetRow>(DatasetSort.Instance)
{
    [BindProperty(SupportsGet = true, Name = "name")]
    public string? NameFilter { get; set; }

    public bool MayModify { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NameFilter = string.IsNullOrWhiteSpace(NameFilter) ? null : NameFilter.Trim();
        MayModify = await navigation.MayAsync(User, Permissions.ModifyDatasets);
        var visible = DatasetEndpoints.Named(DataAccess.VisibleDatasets(db, User).AsNoTracking(), NameFilter);
        await LoadRowsAsync(visible, DatasetRow.Projection, cancellationToken);
    }

    protected override void KeepInLinks(RouteValueDictionary values)
    {
        if (NameFilter is not null)
        {
            values["name"] = NameFilter;
        }
    }
}
