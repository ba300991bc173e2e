using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Datasets;
using Taxii.Server.Ui.DatasetsView;

namespace Taxii.Server.Ui.Pages.Datasets;

/// <summary>Edits a dataset the user may see through <see cref="DatasetOperations"/>: the REST API's checks, messages and audit entry.</summary>
[Authorize(Policy = Permissions.ModifyDatasets)]
internal sealed class EditModel(TaxiiDbContext db, DatasetOperations operations) : PageModel, IDatasetFormPage
{
    [BindProperty]
    public DatasetForm Input { get; set; } = new();

    public DatasetDto Dataset { get; private set; } = null!;

    public IReadOnlyList<(int Id, string Name)> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await DatasetEndpoints.Find(db, User, id, cancellationToken) is not { } dataset)
        {
            return NotFound();
        }

        Input = DatasetForm.From(dataset);
        await LoadAsync(dataset, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await DatasetEndpoints.Find(db, User, id, cancellationToken) is not { } dataset)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var change = await operations.UpdateAsync(id, Input.ToRequest(), User, cancellationToken);
            if (change.Dataset is not null)
            {
                return Redirect($"{UiSetup.Prefix}/datasets/{id}");
            }

            if (change is { Invalid: null, Conflict: null })
            {
                return NotFound();
            }

            ModelState.AddApiErrors(change.Invalid, change.Conflict, "Input.Name");
        }

        await LoadAsync(dataset, cancellationToken);
        return this.Unprocessable();
    }

    private async Task LoadAsync(DatasetDto dataset, CancellationToken cancellationToken)
    {
        Dataset = dataset;
        Groups = await GroupChoices.LoadAsync(db, User, dataset.GroupIds, cancellationToken);
    }
}
