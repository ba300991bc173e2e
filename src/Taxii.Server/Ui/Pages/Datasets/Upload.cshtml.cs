using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Taxii.Core.Security;
using Taxii.Feeds.Ingestion;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Datasets;
using Taxii.Server.Ui.IncomingView;

namespace Taxii.Server.Ui.Pages.Datasets;

/// <summary>
/// Uploads a file straight to a dataset through <see cref="DatasetUploadOperations"/>, the code behind
/// <c>POST /api/v1/datasets/{id}/uploads</c> (no feed, no run). The outcome (stored with its counts, or skipped as
/// already held) shows here with the form for the next file. A refusal shows at its field with its status: 413 over
/// the size limit, 422 for no file, a bad content type or content that could not be read (nothing stored). The
/// antiforgery token is checked after the body limit is set (<see cref="UploadPage"/>).
/// </summary>
[Authorize(Policy = Permissions.ModifyDatasets)]
[IgnoreAntiforgeryToken]
internal sealed class UploadModel(TaxiiDbContext db, DatasetUploadOperations uploads, IAntiforgery antiforgery) : UploadPage(antiforgery)
{
    public DatasetDto Dataset { get; private set; } = null!;

    /// <summary>What the last upload came to: stored (with counts) or skipped.</summary>
    public PackageResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await DatasetEndpoints.Find(db, User, id, cancellationToken) is not { } dataset)
        {
            return NotFound();
        }

        Dataset = dataset;
        Form = new UploadForm(id, uploads.UploadLimit);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (RouteId() is not { } id || await DatasetEndpoints.Find(db, User, id, cancellationToken) is not { } dataset)
        {
            return NotFound();
        }

        Dataset = dataset;
        Form = new UploadForm(id, uploads.UploadLimit);
        if (await CheckUploadAsync() is { } refused)
        {
            return refused;
        }

        switch (await uploads.UploadAsync(id, HttpContext, ChosenContentType, User, cancellationToken))
        {
            case { Result: { Outcome: PackageOutcome.Failed } failed }:
                return Refused(new UploadRefusal(StatusCodes.Status422UnprocessableEntity, "file", $"The file was not ingested: {failed.Reason}"));
            case { Result: { } result }:
                Result = result;
                return Page();
            case { Refusal: { } refusal }:
                return Refused(refusal);
            default:
                return NotFound();
        }
    }
}
