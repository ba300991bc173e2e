using Microsoft.AspNetCore.Authorization;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.IncomingFeeds;

namespace Taxii.Server.Ui.Pages.DataConfiguration.IncomingFeeds;

/// <summary>
/// Asks before deleting an incoming feed, then deletes it through <see cref="IncomingFeedOperations.DeleteAsync"/>, the
/// code behind <c>DELETE /api/v1/incoming-feeds/{id}</c> (audit entry, schedule removed).
/// </summary>
[Authorize(Policy = Permissions.ModifyIncomingFeeds)]
internal sealed class DeleteModel(TaxiiDbContext db, IncomingFeedOperations operations) : DeletePage<IncomingFeedDto>("/data/incoming-feeds")
{
    protected override Task<IncomingFeedDto?> FindAsync(int id, CancellationToken cancellationToken) => IncomingFeedEndpoints.FindAsync(db, User, id, cancellationToken);

    protected override Task<bool> DeleteAsync(int id, CancellationToken cancellationToken) => operations.DeleteAsync(id, User, cancellationToken);
}
