using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.OutgoingFeeds;
using Taxii.Server.Ui.OutgoingFeedsView;

namespace Taxii.Server.Ui.Pages.DataConfiguration.OutgoingFeeds;

/// <summary>
/// Edits an outgoing feed through <see cref="OutgoingFeedOperations"/>, as <c>PUT /api/v1/outgoing-feeds/{id}</c> does.
/// Secrets are never shown; a blank secret keeps the stored one. The feed's filter, not on this form, is kept.
/// </summary>
[Authorize(Policy = Permissions.ModifyOutgoingFeeds)]
internal sealed class EditModel(TaxiiDbContext db, OutgoingFeedOperations operations) : FeedFormPage(db)
{
    public string CurrentName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await OutgoingFeedOperations.FindAsync(Db, User, id, cancellationToken) is not { } feed)
        {
            return NotFound();
        }

        Input = OutgoingFeedForm.From(feed);
        Show(feed);
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await OutgoingFeedOperations.FindAsync(Db, User, id, cancellationToken) is not { } feed)
        {
            return NotFound();
        }

        Show(feed);
        var request = FormRequest();
        var change = ModelState.IsValid ? await operations.UpdateAsync(id, request, User, cancellationToken) : null;
        return await ShowProblemsAsync(change, cancellationToken) ?? Redirect($"{UiSetup.Prefix}/data/outgoing-feeds/{id}");
    }

    private void Show(OutgoingFeedDto feed)
    {
        CurrentName = feed.Name;
        Stored = feed.Transport;
    }
}
