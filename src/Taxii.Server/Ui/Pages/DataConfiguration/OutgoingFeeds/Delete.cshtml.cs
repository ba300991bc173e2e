using Microsoft.AspNetCore.Authorization;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.OutgoingFeeds;

namespace Taxii.Server.Ui.Pages.DataConfiguration.OutgoingFeeds;

/// <summary>Asks before deleting an outgoing feed, then deletes it as the REST API does (audit entry, schedule removed).</summary>
[Authorize(Policy = Permissions.ModifyOutgoingFeeds)]
internal sealed class DeleteModel(TaxiiDbContext db, OutgoingFeedOperations operations) : DeletePage<OutgoingFeedDto>("/data/outgoing-feeds")
{
    protected override Task<OutgoingFeedDto?> FindAsync(int id, CancellationToken cancellationToken) => OutgoingFeedOperations.FindAsync(db, User, id, cancellationToken);

    protected override Task<bool> DeleteAsync(int id, CancellationToken cancellationToken) => operations.DeleteAsync(id, User, cancellationToken);
}
