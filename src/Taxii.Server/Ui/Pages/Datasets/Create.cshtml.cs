using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Datasets;
using Taxii.Server.Ui.DatasetsView;

namespace Taxii.Server.Ui.Pages.Datasets;

/// <summary>Creates a dataset through <see cref="DatasetOperations"/>: the REST API's checks, messages, conflict and audit entry.</summary>
[Authorize(Policy = Permissions.ModifyDatasets)]
internal sealed class CreateModel(TaxiiDbContext db, DatasetOperations operations) : PageModel, IDatasetFormPage
{
    [BindProperty]
    public DatasetForm Input { get; set; } = new();

    public IReadOnlyList<(int Id, string Name)> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Groups = await GroupChoices.LoadAsync(db, User, [], cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var change = await operations.CreateAsync(Input.ToRequest(), User, cancellationToken);
            if (change.Dataset is { } created)
            {
                return Redirect($"{UiSetup.Prefix}/datasets/{created.Id}");
            }

            ModelState.AddApiErrors(change.Invalid, change.Conflict, "Input.Name");
        }

        Groups = await GroupChoices.LoadAsync(db, User, Input.GroupIds, cancellationToken);
        return this.Unprocessable();
    }
}
