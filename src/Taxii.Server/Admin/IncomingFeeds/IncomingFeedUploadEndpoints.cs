using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Core.Settings;
using Taxii.Feeds;
using Taxii.Feeds.Ingestion;
using Taxii.Persistence;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>
/// <c>POST /api/v1/incoming-feeds/{id}/uploads</c>: a file ingested at once through the feed, recorded as a run of its own
/// (trigger <c>upload</c>). Permission <c>modify incoming-feeds</c>, for members of the feed's groups (administrators always).
/// </summary>
internal static class IncomingFeedUploadEndpoints
{
    public static void MapIncomingFeedUploads(this RouteGroupBuilder feeds)
    {
        feeds.MapPost("/{id:int}/uploads", UploadAsync).WithName("UploadToIncomingFeed").RequireAuthorization(Permissions.ModifyIncomingFeeds)
            .WithDescription(UploadedPackage.Description)
            .Produces<IncomingFeedRunDto>(StatusCodes.Status201Created).DisableAntiforgery();
    }

    private static async Task<IResult> UploadAsync(
        int id, string? contentType, HttpContext http, ClaimsPrincipal caller, TaxiiDbContext db, IncomingFeedRunner runner,
        IOptionsMonitor<BlobLimitsOptions> limits, TimeProvider time, CancellationToken cancellationToken)
    {
        var feed = await IncomingFeedEndpoints.Visible(db, caller).AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return TypedResults.NotFound();
        }

        if (!feed.Enabled)
        {
            return Conflicts.Problem($"Feed '{feed.Name}' is disabled: enable it to upload to it.");
        }

        var (upload, problem) = await UploadedPackage.ReadAsync(http, contentType, limits.CurrentValue.UploadLimit, cancellationToken);
        if (upload is null)
        {
            return problem ?? TypedResults.BadRequest();
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

            return TypedResults.Created($"{AdminApi.Prefix}/incoming-feeds/{id}/runs/{run.Id}", IncomingFeedRunDto.From(run));
        }
        finally
        {
            await FeedRunLock.ReleaseAsync(connection, FeedRunLock.Incoming, id);
        }
    }

    private static IResult InProgress(IncomingFeed feed) => Conflicts.Problem($"Feed '{feed.Name}': a run is in progress; upload again when it has ended.");
}
