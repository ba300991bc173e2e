using Hangfire;
using Microsoft.EntityFrameworkCore;
using Taxii.Persistence;

namespace Taxii.Feeds.Jobs;

/// <summary>
/// Removes multi-part poll results whose time for Poll_Fulfillment has passed (their parts go with them). The poll
/// service already refuses expired results; this only reclaims the rows.
/// </summary>
public sealed class PollResultCleanupJob(TaxiiDbContext db, TimeProvider time)
{
    /// <summary>The recurring job's id.</summary>
    public const string JobId = "poll-result-cleanup";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.PollResults.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}
