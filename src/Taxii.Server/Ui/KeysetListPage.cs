using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Taxii.Server.Ui;

/// <summary>
/// A list by id in pages of <see cref="PageSize"/>, paged by key as the REST API pages users, groups and roles
/// (<c>?after=</c> the last id shown; "First page" and "Next page" in <c>_KeysetPager</c>). <see cref="MayModify"/> says
/// whether the user holds <paramref name="modifyPermission"/>, for the New, Edit and Delete links.
/// </summary>
internal abstract class KeysetListPage<TRow>(UiNavigation navigation, string modifyPermission) : PageModel
{
    public const int PageSize = 25;

    public IReadOnlyList<TRow> Rows { get; private set; } = [];

    public int? NextAfter { get; private set; }

    public bool IsFirstPage { get; private set; }

    public bool MayModify { get; private set; }

    public async Task OnGetAsync(int? after, CancellationToken cancellationToken)
    {
        var fetched = await RowsAfter(after ?? 0).Take(PageSize + 1).ToListAsync(cancellationToken);
        if (fetched.Count > PageSize)
        {
            fetched.RemoveAt(PageSize);
            NextAfter = IdOf(fetched[^1]);
        }

        Rows = fetched;
        IsFirstPage = after is null or <= 0;
        MayModify = await navigation.MayAsync(User, modifyPermission);
    }

    /// <summary>The rows whose id is above <paramref name="after"/>, by id.</summary>
    protected abstract IQueryable<TRow> RowsAfter(int after);

    protected abstract int IdOf(TRow row);
}
