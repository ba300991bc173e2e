using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Ui.AccessView;

namespace Taxii.Server.Ui.Pages.Access.Groups;

/// <summary>The groups, by id in pages of 25 (keyset: <c>?after=</c> the last id shown), as <c>GET /api/v1/groups</c> pages them.</summary>
[Authorize(Policy = Permissions.ReadUsers)]
internal sealed class IndexModel(TaxiiDbContext db, UiNavigation navigation) : KeysetListPage<GroupRow>(navigation, Permissions.ModifyUsers)
{
    protected override IQueryable<GroupRow> RowsAfter(int after) =>
        db.Groups.AsNoTracking().Where(g => g.Id > after).OrderBy(g => g.Id).AsSplitQuery().Select(GroupRow.Projection);

    protected override int IdOf(GroupRow row) => row.Id;
}
