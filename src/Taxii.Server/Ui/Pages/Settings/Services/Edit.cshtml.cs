using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Services;
using Taxii.Server.Ui.TaxiiView;

namespace Taxii.Server.Ui.Pages.Settings.Services;

/// <summary>Edits a service through <see cref="ServiceOperations"/>: the REST API's checks, messages and audit entry.</summary>
[Authorize(Policy = Permissions.ModifyTaxiiServices)]
internal sealed class EditModel(TaxiiDbContext db, ServiceOperations operations) : PageModel
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

        if (change is { Invalid: { } validation })
        {
            foreach (var (field, messages) in validation.Errors)
            {
                messages.ForEach(m => ModelState.AddModelError(ServiceForm.FieldOf(field), m));
            }
        }
        else if (change is { Conflict: { } conflict })
        {
            ModelState.AddModelError(ServiceForm.FieldOf("path"), conflict);
        }
        else if (change is not null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(service, cancellationToken);
        return Page();
    }

    public static IEnumerable<ServiceType> Types => Enum.GetValues<ServiceType>();

    private async Task LoadAsync(ServiceDto service, CancellationToken cancellationToken)
    {
        CurrentPath = service.Path;
        Choices = (await DataAccess.VisibleCollections(db, User).AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken)).Select(c => (c.Id, c.Name)).ToList();
    }
}
