using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Ui.AccessView;

namespace Taxii.Server.Ui.Pages.Access.Groups;

/// <summary>The groups, by id in pages of <see cref="PageSize"/> (keyset: <c>?after=</c> the last id shown), as <c>GET /api/v1/groups</c> pages them.</summary>
[Authorize(Policy = Permissions.ReadUsers)]
internal sealed class IndexModel(TaxiiDbContext db, UiNavigation navigation) : PageModel
{
    public const int PageSize = 25;

    public IReadOnlyList<GroupRow> Rows { get; private set; } = [];

    public int? NextAfter { get; private set; }

    public bool IsFirstPage { get; private set; }

    public bool MayModify { get; private set; }

    public async Task OnGetAsync(int? after, CancellationToken cancellationToken)
    {
        var fetched = await db.Groups.AsNoTracking().Where(g => g.Id > (after ?? 0)).OrderBy(g => g.Id).AsSplitQuery()
            .Take(PageSize + 1).Select(GroupRow.Projection).ToListAsync(cancellationToken);
        if (fetched.Count > PageSize)
        {
            fetched.RemoveAt(PageSize);
            NextAfter = fetched[^1].Id;
        }

        Rows = fetched;
        IsFirstPage = after is null or <= 0;
        MayModify = await navigation.MayAsync(User, Permissions.ModifyUsers);
    }
}
