using Microsoft.AspNetCore.Authorization;
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
internal sealed class DeleteModel(TaxiiDbContext db, DatasetOperations operations) : DeletePage<DatasetDto>("/datasets")
{
    /// <summary>The incoming feeds storing into the dataset: the database deletes them with it.</summary>
    public IReadOnlyList<string> Feeds { get; private set; } = [];

    protected override Task<DatasetDto?> FindAsync(int id, CancellationToken cancellationToken) => DatasetEndpoints.Find(db, User, id, cancellationToken);

    protected override Task<bool> DeleteAsync(int id, CancellationToken cancellationToken) => operations.DeleteAsync(id, User, cancellationToken);

    protected override async Task LoadDetailsAsync(int id, CancellationToken cancellationToken) =>
        Feeds = await db.IncomingFeeds.AsNoTracking().Where(f => f.DatasetId == id).OrderBy(f => f.Name).Select(f => f.Name).ToListAsync(cancellationToken);
}
