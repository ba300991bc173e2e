using Microsoft.EntityFrameworkCore;
using Npgsql;
using Taxii.Core.Feeds;
using Taxii.Persistence;

namespace Taxii.Feeds;

/// <summary>
/// Records a queued run of a feed, incoming or outgoing. At most one run per feed is queued or running (a partial
/// unique index says so, whichever host asks); a run left "running" by a host that died is recognised by its free run
/// lock (<see cref="FeedRunLock"/>) and closed as failed first.
/// </summary>
internal static class FeedRunRecords
{
    /// <summary>How much of a failure's reason a run record keeps.</summary>
    public const int MaxErrorLength = 4000;

    /// <summary>
    /// The saved run, or null when the feed already has an active one. A run queued after closing one a dead host left
    /// running redoes that run's work, so it is a <see cref="FeedRunTrigger.Recovery"/> run whoever asked for it (the
    /// interrupted-run sweep, or an inbox push or sweep that came first).
    /// </summary>
    public static async Task<TRun?> QueueAsync<TRun>(TaxiiDbContext db, int lockClass, int feedId, FeedRunTrigger trigger, TimeProvider time, CancellationToken cancellationToken)
        where TRun : class, IFeedRun, new()
    {
        // an active run refuses the new one (an inbox push or a schedule tick during a run), answered without the
        // failed insert EF Core would log as a database error; the index below still decides a race. A running run
        // whose host died is closed first.
        var active = await db.Set<TRun>().Where(r => r.FeedId == feedId && (r.Status == FeedRunStatus.Queued || r.Status == FeedRunStatus.Running))
            .Select(r => r.Status).ToListAsync(cancellationToken);
        if (active.Contains(FeedRunStatus.Queued))
        {
            return null;
        }

        if (active.Count > 0)
        {
            if (await CloseInterruptedAsync<TRun>(db, lockClass, feedId, time, cancellationToken) == 0)
            {
                return null;
            }

            trigger = FeedRunTrigger.Recovery;
        }

        var run = new TRun { FeedId = feedId, Trigger = trigger, Status = FeedRunStatus.Queued, QueuedAt = time.GetUtcNow() };
        db.Set<TRun>().Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.Entry(run).State = EntityState.Detached;
            return null;
        }

        return run;
    }

    /// <summary>Ends a run and saves it (whatever else the context holds), even when the run's own work was cancelled.</summary>
    public static async Task FinishAsync(TaxiiDbContext db, IFeedRun run, FeedRunStatus status, string? error, TimeProvider time)
    {
        run.Status = status;
        run.EndedAt = time.GetUtcNow();
        run.StartedAt ??= run.EndedAt;
        run.Error = error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// How long a run may stay queued before it counts as lost: its host stopped between recording it and handing it to
    /// the job server, so no job will ever start it (and it would block the feed's every later run). Longer than
    /// Hangfire.PostgreSql's 30-minute invisibility timeout, after which a dead worker's job is handed out again.
    /// </summary>
    public static readonly TimeSpan LostAfter = TimeSpan.FromHours(1);

    /// <summary>The reason a lost queued run is closed with.</summary>
    public const string Lost = "lost: queued but not started within an hour (the host that queued it stopped before handing it to the job server)";

    /// <summary>
    /// Closes the feed's runs left "running" by a host that stopped (their lock is free) and its lost queued runs (see
    /// <see cref="LostAfter"/>), and queues a run that does the work again; null when there was none to close, or the
    /// feed has an active run already.
    /// </summary>
    public static async Task<TRun?> RecoverAsync<TRun>(TaxiiDbContext db, int lockClass, int feedId, TimeProvider time, CancellationToken cancellationToken)
        where TRun : class, IFeedRun, new()
    {
        return await CloseAsync<TRun>(db, lockClass, feedId, time, cancellationToken) == 0
            ? null
            : await QueueAsync<TRun>(db, lockClass, feedId, FeedRunTrigger.Recovery, time, cancellationToken);
    }

    /// <summary>Closes the feed's interrupted and lost runs (see <see cref="RecoverAsync"/>); returns how many.</summary>
    public static async Task<int> CloseAsync<TRun>(TaxiiDbContext db, int lockClass, int feedId, TimeProvider time, CancellationToken cancellationToken)
        where TRun : class, IFeedRun
    {
        var now = time.GetUtcNow();
        var cutoff = now - LostAfter;
        // conditional: a job that takes the run up at this moment goes on with it (its own save marks it running)
        var lost = await db.Set<TRun>().Where(r => r.FeedId == feedId && r.Status == FeedRunStatus.Queued && r.QueuedAt < cutoff)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, FeedRunStatus.Failed)
                .SetProperty(r => r.EndedAt, now)
                .SetProperty(r => r.Error, Lost), cancellationToken);
        return lost + await CloseInterruptedAsync<TRun>(db, lockClass, feedId, time, cancellationToken);
    }

    /// <summary>Closes the feed's runs left "running" by a host that stopped; returns how many.</summary>
    public static async Task<int> CloseInterruptedAsync<TRun>(TaxiiDbContext db, int lockClass, int feedId, TimeProvider time, CancellationToken cancellationToken)
        where TRun : class, IFeedRun
    {
        var running = db.Set<TRun>().Where(r => r.FeedId == feedId && r.Status == FeedRunStatus.Running);
        if (!await running.AnyAsync(cancellationToken) || await FeedRunLock.IsHeldAsync(db.Database.GetConnectionString()!, lockClass, feedId, cancellationToken))
        {
            return 0; // none, or it is running somewhere
        }

        // conditional: a run that ended between the two looks keeps its own outcome (a running run blocks any new one,
        // so none can have started meanwhile)
        var now = time.GetUtcNow();
        return await running.ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, FeedRunStatus.Failed)
            .SetProperty(r => r.EndedAt, now)
            .SetProperty(r => r.Error, Interrupted), cancellationToken);
    }

    /// <summary>The reason an interrupted run is closed with.</summary>
    public const string Interrupted = "interrupted: the host running it stopped before it ended";
}
