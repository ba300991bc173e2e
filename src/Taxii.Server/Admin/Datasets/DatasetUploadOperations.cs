using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Taxii.Core.Settings;
using Taxii.Feeds.Ingestion;
using Taxii.Persistence;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin.Datasets;

/// <summary>
/// A file ingested straight into a dataset, without a feed or a run: the rules behind both
/// <c>POST /api/v1/datasets/{id}/uploads</c> and the web UI's dataset upload form. Only on a dataset the caller sees;
/// an ingested file is recorded in the audit log, a file that could not be ingested stores nothing.
/// </summary>
internal sealed class DatasetUploadOperations(TaxiiDbContext db, IngestionPipeline pipeline, IOptionsMonitor<BlobLimitsOptions> limits, TimeProvider time)
{
    /// <summary>The largest file accepted, in bytes (<c>Taxii:Limits:MaxUploadedBlobSize</c>).</summary>
    public long UploadLimit => limits.CurrentValue.UploadLimit;

    public async Task<DatasetUploadOutcome> UploadAsync(int id, HttpContext http, string? contentType, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!await DataAccess.VisibleDatasets(db, caller).AnyAsync(d => d.Id == id, cancellationToken))
        {
            return DatasetUploadOutcome.NotFound;
        }

        var (upload, refusal) = await UploadedPackage.ReadAsync(http, contentType, UploadLimit, cancellationToken);
        if (upload is null)
        {
            return new(null, refusal ?? UploadRefusal.TooLarge(UploadLimit));
        }

        var result = await pipeline.IngestAsync(new IngestionTarget(id, upload.ContentType), upload.ToPackage(TaxiiCaller.From(caller).UserId), cancellationToken);
        if (result.Outcome != PackageOutcome.Failed)
        {
            AuditLog.Record(db, caller, time, "upload", $"datasets/{id}", $"{upload.Reference}; {result.Outcome}; created={result.Created}; updated={result.Updated}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return new(result);
    }
}

/// <summary>
/// What an upload to a dataset came to: the ingestion's <see cref="Result"/> (its outcome <c>Failed</c> when the file
/// could not be read: nothing stored), or the <see cref="Refusal"/> of the upload itself; neither: no such dataset.
/// </summary>
internal sealed record DatasetUploadOutcome(PackageResult? Result, UploadRefusal? Refusal = null)
{
    public static DatasetUploadOutcome NotFound { get; } = new(null, null);
}
