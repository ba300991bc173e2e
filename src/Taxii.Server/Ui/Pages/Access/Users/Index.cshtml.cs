using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Ui.AccessView;

namespace Taxii.Server.Ui.Pages.Access.Users;

/// <summary>The users, by id in pages of 25 (keyset: <c>?after=</c> the last id shown), as <c>GET /api/v1/users</c> pages them.</summary>
[Authorize(Policy = Permissions.ReadUsers)]
internal sealed class IndexModel(TaxiiDbContext db, UiNavigation navigation) : KeysetListPage<UserRow>(navigation, Permissions.ModifyUsers)
{
    // roles and groups are two collections: one query each rather than their cross product (and no EF warning)
    protected override IQueryable<UserRow> RowsAfter(int after) =>
        db.Users.AsNoTracking().Where(u => u.Id > after).OrderBy(u => u.Id).AsSplitQuery().Select(UserRow.Projection);

    protected override int IdOf(UserRow row) => row.Id;
}
