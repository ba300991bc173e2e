using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Datasets;

namespace Taxii.Server.Ui.Pages.Datasets;

/// <summary>An entity of a dataset: the REST API's <see cref="EntityDto"/>, with its observables and relations.</summary>
[Authorize(Policy = Permissions.ReadDatasets)]
internal sealed class EntityModel(TaxiiDbContext db) : PageModel
{
    public EntityDto Entity { get; private set; } = null!;

    public DatasetDto Dataset { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, long entityId, CancellationToken cancellationToken)
    {
        if (await EntityQueries.FindAsync(db, User, id, entityId, cancellationToken) is not { } entity
            || await DatasetEndpoints.Find(db, User, id, cancellationToken) is not { } dataset)
        {
            return NotFound();
        }

        Entity = entity;
        Dataset = dataset;
        return Page();
    }
}
