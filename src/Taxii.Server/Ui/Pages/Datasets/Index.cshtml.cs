using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Datasets;

namespace Taxii.Server.Ui.Pages.Datasets;

/// <summary>Intelligence › Data › Datasets: the datasets shared with the user's groups, paged by the REST API's query.</summary>
[Authorize(Policy = Permissions.ReadDatasets)]
internal sealed class IndexModel(TaxiiDbContext db, UiNavigation navigation) : PageModel
{
    public const int PageSize = 25;

    public IReadOnlyList<DatasetDto> Datasets { get; private set; } = [];

    public int? Next { get; private set; }

    public bool IsFirstPage { get; private set; }

    public bool MayModify { get; private set; }

    public async Task OnGetAsync([FromQuery] int? after, CancellationToken cancellationToken)
    {
        IsFirstPage = after is null;
        MayModify = await navigation.MayAsync(User, Permissions.ModifyDatasets);
        var page = await DatasetEndpoints.PageAsync(db, User, after, PageSize, null, cancellationToken);
        Datasets = page.Items;
        Next = page.Next;
    }
}
