using Microsoft.AspNetCore.Authorization;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Collections;

namespace Taxii.Server.Ui.Pages.Settings.Collections;

/// <summary>
/// Asks before deleting a collection the user may see (a form with the antiforgery token), then deletes it through
/// <see cref="CollectionOperations.DeleteAsync"/>, as <c>DELETE /api/v1/collections/{id}</c> does (audit entry,
/// service directory's cache dropped).
/// </summary>
[Authorize(Policy = Permissions.ModifyTaxiiServices)]
internal sealed class DeleteModel(TaxiiDbContext db, CollectionOperations operations) : DeletePage<CollectionDto>("/settings/collections")
{
    protected override Task<CollectionDto?> FindAsync(int id, CancellationToken cancellationToken) => CollectionOperations.FindAsync(db, User, id, cancellationToken);

    protected override Task<bool> DeleteAsync(int id, CancellationToken cancellationToken) => operations.DeleteAsync(id, User, cancellationToken);
}
