using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Datasets;

namespace Taxii.Server.Ui.Pages.Datasets;

/// <summary>
/// Asks before deleting a dataset the user may see (a form with the antiforgery token), then deletes it through
/// <see cref="DatasetOperations.DeleteAsync"/>, as <c>DELETE /api/v1/datasets/{id}</c> does.
/// </summary>
[Authorize(Policy = Permissions.ModifyDatasets)]
internal sealed class DeleteModel(TaxiiDbContext db, DatasetOperations operations) : PageModel
{
    public DatasetDto Dataset { get; private set; } = null!;

    /// <summary>The incoming feeds storing into the dataset: the database deletes them with it.</summary>
    public IReadOnlyList<string> Feeds { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await DatasetEndpoints.Find(db, User, id, cancellationToken) is not { } dataset)
        {
            return NotFound();
        }

        Dataset = dataset;
        Feeds = await db.IncomingFeeds.AsNoTracking().Where(f => f.DatasetId == id).OrderBy(f => f.Name).Select(f => f.Name).ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        await operations.DeleteAsync(id, User, cancellationToken) ? Redirect(UiSetup.Prefix + "/datasets") : NotFound();
}
