using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Roles;

namespace Taxii.Server.Ui.Pages.Access.Roles;

/// <summary>The roles, by id in pages of 25 (keyset: <c>?after=</c> the last id shown), as <c>GET /api/v1/roles</c> pages them.</summary>
[Authorize(Policy = Permissions.ReadUsers)]
internal sealed class IndexModel(TaxiiDbContext db, UiNavigation navigation) : KeysetListPage<RoleDto>(navigation, Permissions.ModifyUsers)
{
    protected override IQueryable<RoleDto> RowsAfter(int after) =>
        db.Roles.AsNoTracking().Where(r => r.Id > after).OrderBy(r => r.Id).Select(RoleDto.Projection);

    protected override int IdOf(RoleDto row) => row.Id;
}
