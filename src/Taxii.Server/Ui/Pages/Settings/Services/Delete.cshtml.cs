using Microsoft.AspNetCore.Authorization;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Services;

namespace Taxii.Server.Ui.Pages.Settings.Services;

/// <summary>Asks before deleting a service (a form with the antiforgery token), then deletes it as the REST API does.</summary>
[Authorize(Policy = Permissions.ModifyTaxiiServices)]
internal sealed class DeleteModel(TaxiiDbContext db, ServiceOperations operations) : DeletePage<ServiceDto>("/settings/taxii")
{
    protected override Task<ServiceDto?> FindAsync(int id, CancellationToken cancellationToken) => ServiceOperations.FindAsync(db, id, cancellationToken);

    protected override Task<bool> DeleteAsync(int id, CancellationToken cancellationToken) => operations.DeleteAsync(id, User, cancellationToken);
}
