using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Taxii.Core.Security;
using Taxii.Core.Settings;
using Taxii.Feeds.Ingestion;
using Taxii.Persistence;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin.Datasets;

/// <summary>
/// <c>POST /api/v1/datasets/{id}/uploads</c>: a file ingested straight into a dataset, without a feed or a run.
/// Permission <c>modify datasets</c>, on a dataset the caller sees.
/// </summary>
internal static class DatasetUploadEndpoints
{
    public static void MapDatasetUploads(this RouteGroupBuilder datasets)
    {
        datasets.MapPost("/{id:int}/uploads", UploadAsync).WithName("UploadToDataset").RequireAuthorization(Permissions.ModifyDatasets)
            .WithDescription(UploadedPackage.Description)
            .Produces<PackageResult>().DisableAntiforgery();
    }

    private static async Task<IResult> UploadAsync(
        int id, string? contentType, HttpContext http, ClaimsPrincipal caller, TaxiiDbContext db, IngestionPipeline pipeline,
        IOptionsMonitor<BlobLimitsOptions> limits, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await DataAccess.VisibleDatasets(db, caller).AnyAsync(d => d.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var (upload, refusal) = await UploadedPackage.ReadAsync(http, contentType, limits.CurrentValue.UploadLimit, cancellationToken);
        if (upload is null)
        {
            return refusal?.ToResult() ?? TypedResults.BadRequest();
        }

        var result = await pipeline.IngestAsync(new IngestionTarget(id, upload.ContentType), upload.ToPackage(TaxiiCaller.From(caller).UserId), cancellationToken);
        if (result.Outcome == PackageOutcome.Failed)
        {
            return TypedResults.Problem(result.Reason, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The package was not ingested");
        }

        AuditLog.Record(db, caller, time, "upload", $"datasets/{id}", $"{upload.Reference}; {result.Outcome}; created={result.Created}; updated={result.Updated}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(result);
    }
}
