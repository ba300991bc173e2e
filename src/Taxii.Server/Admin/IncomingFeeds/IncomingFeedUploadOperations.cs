using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Taxii.Core.Feeds;
using Taxii.Core.Settings;
using Taxii.Feeds;
using Taxii.Feeds.Ingestion;
using Taxii.Persistence;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>
/// A file ingested at once through an incoming feed, recorded as a run of its own (trigger <c>upload</c>): the rules
/// behind both <c>POST /api/v1/incoming-feeds/{id}/uploads</c> and the web UI's upload form. Only for members of the
/// feed's groups (administrators always), on an enabled feed with no other run active.
/// </summary>
internal sealed class IncomingFeedUploadOperations(TaxiiDbContext db, IncomingFeedRunner runner, IOptionsMonitor<BlobLimitsOptions> limits, TimeProvider time)
{
    /// <summary>The largest file accepted, in bytes (<c>Taxii:Limits:MaxUploadedBlobSize</c>).</summary>
    public long UploadLimit => limits.CurrentValue.UploadLimit;

    public async Task<IncomingFeedRunOutcome> UploadAsync(int id, HttpContext http, string? contentType, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var feed = await IncomingFeedEndpoints.Visible(db, caller).AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return IncomingFeedRunOutcome.NotFound;
        }

        if (!feed.Enabled)
        {
            return new(null, Conflict: $"Feed '{feed.Name}' is disabled: enable it to upload to it.");
        }

        var (upload, refusal) = await UploadedPackage.ReadAsync(http, contentType, UploadLimit, cancellationToken);
        if (upload is null)
        {
            return new(null, refusal ?? UploadRefusal.TooLarge(UploadLimit));
        }

        // the run holds the feed's lock like any other, so no queued run takes it for one a dead host left running
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        if (!await FeedRunLock.TryTakeAsync(connection, FeedRunLock.Incoming, id, cancellationToken))
        {
            return InProgress(feed);
        }

        try
        {
            var now = time.GetUtcNow();
            var run = new IncomingFeedRun { FeedId = id, Trigger = FeedRunTrigger.Upload, Status = FeedRunStatus.Running, QueuedAt = now, StartedAt = now };
            db.IncomingFeedRuns.Add(run);
            AuditLog.Record(db, caller, time, "upload", $"incoming-feeds/{id}", upload.Reference);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (Conflicts.IsUniqueViolation(e))
            {
                return InProgress(feed);
            }

            // the feed is not tracked: a forced content type applies to this upload only
            feed.ContentType = upload.ContentType ?? feed.ContentType;

            try
            {
                await runner.IngestAsync(feed, run, upload.ToPackage(TaxiiCaller.From(caller).UserId), cancellationToken);
                run.Status = run.FailedPackageCount > 0 ? FeedRunStatus.Failed : FeedRunStatus.Succeeded;
                run.Error = run.Errors.FirstOrDefault()?.Reason;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                run.Status = FeedRunStatus.Failed;
                run.Error = "internal error (details in the server log)";
                throw;
            }
            finally
            {
                if (run.Status == FeedRunStatus.Running)
                {
                    run.Status = FeedRunStatus.Failed;
                    run.Error = "interrupted: the upload was cancelled";
                }

                run.EndedAt = time.GetUtcNow();
                await db.SaveChangesAsync(CancellationToken.None);
            }

            return new(IncomingFeedRunDto.From(run));
        }
        finally
        {
            await FeedRunLock.ReleaseAsync(connection, FeedRunLock.Incoming, id);
        }
    }

    private static IncomingFeedRunOutcome InProgress(IncomingFeed feed) => new(null, Conflict: $"Feed '{feed.Name}': a run is in progress; upload again when it has ended.");
}
