using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Admin.IncomingFeeds;
using Taxii.Server.Ui.IncomingView;

namespace Taxii.Server.Ui.Pages.DataConfiguration.IncomingFeeds;

/// <summary>
/// The incoming feed form, for two pages: New (<c>/new</c>, no id) and Edit (<c>/{id}/edit</c>), both through
/// <see cref="IncomingFeedOperations"/>: the REST API's checks and messages, each shown at its field with 422
/// (<see cref="FormErrors"/>); a name taken by another feed is shown at the name.
/// </summary>
[Authorize(Policy = Permissions.ModifyIncomingFeeds)]
internal sealed class EditModel(TaxiiDbContext db, IncomingFeedOperations operations) : PageModel
{
    [BindProperty]
    public IncomingFeedForm Input { get; set; } = new();

    public int? FeedId { get; private set; }

    public string? CurrentName { get; private set; }

    /// <summary>The stored transport when editing: which secrets are stored (never their value).</summary>
    public IncomingTransportDto? Stored { get; private set; }

    public IReadOnlyList<(int Id, string Name)> Datasets { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is { } feedId)
        {
            if (await IncomingFeedEndpoints.FindAsync(db, User, feedId, cancellationToken) is not { } feed)
            {
                return NotFound();
            }

            Input = IncomingFeedForm.From(feed);
            CurrentName = feed.Name;
            Stored = feed.Transport;
        }

        FeedId = id;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        FeedId = id;
        IncomingFeedDto? existing = null;
        if (id is { } feedId && (existing = await IncomingFeedEndpoints.FindAsync(db, User, feedId, cancellationToken)) is null)
        {
            return NotFound();
        }

        CurrentName = existing?.Name;
        Stored = existing?.Transport;
        var (request, formErrors) = await Input.ToRequestAsync(cancellationToken);
        foreach (var (field, message) in formErrors)
        {
            ModelState.AddModelError(field, message);
        }

        var change = ModelState.IsValid
            ? id is { } updated ? await operations.UpdateAsync(updated, request, User, cancellationToken) : await operations.CreateAsync(request, User, cancellationToken)
            : null;
        if (change is { Feed: { } feed })
        {
            return Redirect($"{UiSetup.Prefix}/data/incoming-feeds/{feed.Id}");
        }

        if (change is { Invalid: null, Conflict: null })
        {
            return NotFound();
        }

        ModelState.AddApiErrors(change?.Invalid, change?.Conflict, "Input.Name", IncomingFeedForm.FieldOf);
        await LoadAsync(cancellationToken);
        return this.Unprocessable();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Datasets = (await DataAccess.VisibleDatasets(db, User).AsNoTracking().OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken))
            .Select(d => (d.Id, d.Name)).ToList();
        var caller = global::Taxii.Server.Taxii.TaxiiCaller.From(User);
        var groups = caller.IsAdmin ? db.Groups.AsNoTracking() : db.Groups.AsNoTracking().Where(g => g.Memberships.Any(m => m.UserId == caller.UserId));
        Groups = (await groups.OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken)).Select(g => (g.Id, g.Name)).ToList();
    }
}
