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

    /// <summary>The page again with the outcome's messages, or null when the change was made.</summary>
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

    protected async Task<IActionResult?> ShowProblemsAsync(OutgoingFeedChange? change, CancellationToken cancellationToken)
    {
        if (change is { Feed: { } })
        {
            return null;
        }

        var status = StatusCodes.Status422UnprocessableEntity;
        if (change is { Invalid: { } validation })
        {
            foreach (var (field, messages) in validation.Errors)
            {
                messages.ForEach(m => ModelState.AddModelError(Input.FieldOf(field), m));
            }
        }
        else if (change is { Conflict: { } conflict })
        {
            ModelState.AddModelError("Input.Name", conflict);
            status = StatusCodes.Status409Conflict;
        }
        else if (change is not null)
        {
            return NotFound();
        }

        Response.StatusCode = status;
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }
}
