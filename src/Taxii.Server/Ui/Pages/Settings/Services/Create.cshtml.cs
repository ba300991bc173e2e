using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Services;
using Taxii.Server.Ui.TaxiiView;

namespace Taxii.Server.Ui.Pages.Settings.Services;

/// <summary>Creates a service through <see cref="ServiceOperations"/>: the REST API's checks, messages and audit entry.</summary>
[Authorize(Policy = Permissions.ModifyTaxiiServices)]
internal sealed class CreateModel(TaxiiDbContext db, ServiceOperations operations) : PageModel, IServiceFormPage
{
    [BindProperty]
    public ServiceForm Input { get; set; } = new();

    public IReadOnlyList<(int Id, string Name)> Choices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = ServiceForm.New();
        Choices = await ServiceForm.ChoicesAsync(db, User, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var change = await operations.CreateAsync(Input.ToRequest([]), User, cancellationToken);
            if (change.Service is { } created)
            {
                return Redirect($"{UiSetup.Prefix}/settings/taxii/{created.Id}");
            }

            ModelState.AddApiErrors(change.Invalid, change.Conflict, "Input.Path");
        }

        Choices = await ServiceForm.ChoicesAsync(db, User, cancellationToken);
        return this.Unprocessable();
    }
}
