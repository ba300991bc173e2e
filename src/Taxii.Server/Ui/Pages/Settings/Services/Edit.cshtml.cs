using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Services;
using Taxii.Server.Ui.TaxiiView;

namespace Taxii.Server.Ui.Pages.Settings.Services;

/// <summary>Edits a service through <see cref="ServiceOperations"/>: the REST API's checks, messages and audit entry.</summary>
[Authorize(Policy = Permissions.ModifyTaxiiServices)]
internal sealed class EditModel(TaxiiDbContext db, ServiceOperations operations) : PageModel, IServiceFormPage
{
    [BindProperty]
    public ServiceForm Input { get; set; } = new();

    public string CurrentPath { get; private set; } = string.Empty;

    public IReadOnlyList<(int Id, string Name)> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await ServiceOperations.FindAsync(db, id, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        Input = ServiceForm.From(service);
        await LoadAsync(service, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await ServiceOperations.FindAsync(db, id, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        var visible = await DataAccess.VisibleCollections(db, User).Select(c => c.Id).ToListAsync(cancellationToken);
        // a collection the user cannot see could neither be shown nor unticked: it stays served
        var change = ModelState.IsValid
            ? await operations.UpdateAsync(id, Input.ToRequest(service.CollectionIds.Except(visible)), User, cancellationToken)
            : null;
        if (change is { Service: { } })
        {
            return Redirect($"{UiSetup.Prefix}/settings/taxii/{id}");
        }

        if (change is { Invalid: null, Conflict: null })
        {
            return NotFound();
        }

        ModelState.AddApiErrors(change?.Invalid, change?.Conflict, "Input.Path");
        await LoadAsync(service, cancellationToken);
        return this.Unprocessable();
    }

    private async Task LoadAsync(ServiceDto service, CancellationToken cancellationToken)
    {
        CurrentPath = service.Path;
        Choices = await ServiceForm.ChoicesAsync(db, User, cancellationToken);
    }
}
