using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.OutgoingFeeds;
using Taxii.Server.Ui.OutgoingFeedsView;

namespace Taxii.Server.Ui.Pages.DataConfiguration.OutgoingFeeds;

/// <summary>Creates an outgoing feed through <see cref="OutgoingFeedOperations"/>: the REST API's checks, messages, audit entry and schedule.</summary>
[Authorize(Policy = Permissions.ModifyOutgoingFeeds)]
internal sealed class NewModel(TaxiiDbContext db, OutgoingFeedOperations operations) : FeedFormPage(db)
{
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadChoicesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var request = FormRequest();
        var change = ModelState.IsValid ? await operations.CreateAsync(request, User, cancellationToken) : null;
        return await ShowProblemsAsync(change, cancellationToken) ?? Redirect($"{UiSetup.Prefix}/data/outgoing-feeds/{change!.Feed!.Id}");
    }
}
