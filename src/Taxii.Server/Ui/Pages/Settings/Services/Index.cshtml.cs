using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Ui.TaxiiView;

namespace Taxii.Server.Ui.Pages.Settings.Services;

/// <summary>
/// Settings › STIX and TAXII › TAXII: the services, sorted by a column (in the query string, so a reload or a shared
/// link keeps it) and paged. Services are configuration, tens of rows: pages are numbered.
/// </summary>
[Authorize(Policy = Permissions.ReadTaxiiServices)]
internal sealed class IndexModel(TaxiiDbContext db, UiNavigation navigation) : SortedListPage<Service, ServiceRow>(ServiceSort.Instance)
{
    public bool MayModify { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        MayModify = await navigation.MayAsync(User, Permissions.ModifyTaxiiServices);
        await LoadRowsAsync(db.Services.AsNoTracking(), ServiceRow.Projection, cancellationToken);
    }
}
