using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Persistence;
using Taxii.Server.Admin.OutgoingFeeds;

namespace Taxii.Server.Ui.OutgoingFeedsView;

/// <summary>
/// What the create and edit pages share: the form, its choices, and showing the shared rules' answer (field errors
/// beside their inputs with 422, a name conflict beside the name with 409).
/// </summary>
internal abstract class FeedFormPage(TaxiiDbContext db) : PageModel
{
    protected TaxiiDbContext Db { get; } = db;

    [BindProperty]
    public OutgoingFeedForm Input { get; set; } = new();

    public FeedChoices Choices { get; private set; } = FeedChoices.Empty;

    /// <summary>Whether a secret of the transport is stored (edit only): its input says blank keeps it.</summary>
    public OutgoingTransportDto? Stored { get; protected set; }

    protected async Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        Choices = await FeedChoices.LoadAsync(Db, User, cancellationToken);

    /// <summary>The form's request; what the form alone refuses (a filter time that does not parse) goes to its field.</summary>
    protected OutgoingFeedRequest FormRequest()
    {
        var errors = new Dictionary<string, string>();
        var request = Input.ToRequest(errors);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }

        return request;
    }

    /// <summary>
    /// The page again with the outcome's messages beside their fields (<see cref="FormErrors"/>), 422, or 409 for a name
    /// conflict; null when the change was made.
    /// </summary>
    protected async Task<IActionResult?> ShowProblemsAsync(OutgoingFeedChange? change, CancellationToken cancellationToken)
    {
        if (change is { Feed: { } })
        {
            return null;
        }

        if (change is { Invalid: null, Conflict: null })
        {
            return NotFound();
        }

        ModelState.AddApiErrors(change?.Invalid, change?.Conflict, "Input.Name", Input.FieldOf);
        await LoadChoicesAsync(cancellationToken);
        if (change?.Conflict is not null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return this.Unprocessable();
    }
}
