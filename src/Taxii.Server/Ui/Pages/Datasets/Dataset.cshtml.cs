using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Datasets;
using Taxii.Server.Ui.IncomingView;

namespace Taxii.Server.Ui.Pages.Datasets;

/// <summary>
/// A dataset and its entities, searched by type, exact observable value and update time through
/// <see cref="EntityQueries.SearchAsync"/> (the query of <c>GET /api/v1/datasets/{id}/entities</c>), in id order and
/// paged with its <c>after</c> cursor. A search that does not parse answers 422 with the reason at its field.
/// </summary>
[Authorize(Policy = Permissions.ReadDatasets)]
internal sealed class DatasetModel(TaxiiDbContext db, UiNavigation navigation) : PageModel
{
    public const int PageSize = 25;

    public DatasetDto Dataset { get; private set; } = null!;

    public EntitySearchForm Search { get; private set; } = new(null, null, null, null);

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public EntityPage Entities { get; private set; } = new([], null);

    public bool IsFirstPage { get; private set; }

    /// <summary>With <c>modify datasets</c>: the Upload, Edit and Delete buttons.</summary>
    public bool MayModify { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        int id, [FromQuery] string? type, [FromQuery] string? observable, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] long? after,
        CancellationToken cancellationToken)
    {
        if (await DatasetEndpoints.Find(db, User, id, cancellationToken) is not { } dataset)
        {
            return NotFound();
        }

        Dataset = dataset;
        MayModify = await navigation.MayAsync(User, Permissions.ModifyDatasets);
        Search = new EntitySearchForm(type, observable, from, to);
        IsFirstPage = after is null;
        var (entityType, value, fromTime, toTime, errors) = Search.Check();
        if (errors.Count > 0)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Entities = await EntityQueries.SearchAsync(db, User, id, entityType, value, fromTime, toTime, after, PageSize, cancellationToken) ?? Entities;
        return Page();
    }

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}
