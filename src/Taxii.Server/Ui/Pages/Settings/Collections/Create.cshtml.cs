using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Collections;
using Taxii.Server.Ui.CollectionsView;

namespace Taxii.Server.Ui.Pages.Settings.Collections;

/// <summary>Creates a collection through <see cref="CollectionOperations"/>: the REST API's checks, messages and audit entry.</summary>
[Authorize(Policy = Permissions.ModifyTaxiiServices)]
internal sealed class CreateModel(TaxiiDbContext db, CollectionOperations operations) : PageModel, ICollectionFormPage
{
    [BindProperty]
    public CollectionForm Input { get; set; } = new();

    public CollectionChoices Choices { get; private set; } = CollectionChoices.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = CollectionForm.New();
        Choices = await CollectionChoices.LoadAsync(db, User, [], cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var change = await operations.CreateAsync(Input.ToRequest(), User, cancellationToken);
            if (change.Collection is { } created)
            {
                return Redirect($"{UiSetup.Prefix}/settings/collections/{created.Id}");
            }

            ModelState.AddApiErrors(change.Invalid, change.Conflict, "Input.Name", CollectionForm.FieldOf);
        }

        Choices = await CollectionChoices.LoadAsync(db, User, Input.ReadGroupIds.Union(Input.WriteGroupIds), cancellationToken);
        return this.Unprocessable();
    }
}
