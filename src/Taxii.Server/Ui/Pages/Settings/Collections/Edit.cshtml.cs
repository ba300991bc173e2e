using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Collections;
using Taxii.Server.Ui.CollectionsView;

namespace Taxii.Server.Ui.Pages.Settings.Collections;

/// <summary>Edits a collection the user may see through <see cref="CollectionOperations"/>: the REST API's checks, messages and audit entry.</summary>
[Authorize(Policy = Permissions.ModifyTaxiiServices)]
internal sealed class EditModel(TaxiiDbContext db, CollectionOperations operations) : PageModel, ICollectionFormPage
{
    [BindProperty]
    public CollectionForm Input { get; set; } = new();

    public string CurrentName { get; private set; } = string.Empty;

    public CollectionChoices Choices { get; private set; } = CollectionChoices.Empty;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await CollectionOperations.FindAsync(db, User, id, cancellationToken) is not { } collection)
        {
            return NotFound();
        }

        Input = CollectionForm.From(collection);
        CurrentName = collection.Name;
        Choices = await CollectionChoices.LoadAsync(db, User, collection.Groups.Select(g => g.GroupId), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await CollectionOperations.FindAsync(db, User, id, cancellationToken) is not { } collection)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var change = await operations.UpdateAsync(id, Input.ToRequest(), User, cancellationToken);
            if (change.Collection is not null)
            {
                return Redirect($"{UiSetup.Prefix}/settings/collections/{id}");
            }

            if (change is { Invalid: null, Conflict: null })
            {
                return NotFound();
            }

            ModelState.AddApiErrors(change.Invalid, change.Conflict, "Input.Name", CollectionForm.FieldOf);
        }

        CurrentName = collection.Name;
        Choices = await CollectionChoices.LoadAsync(db, User, collection.Groups.Select(g => g.GroupId), cancellationToken);
        return this.Unprocessable();
    }
}
