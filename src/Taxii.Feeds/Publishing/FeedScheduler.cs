using Cronos;
using Hangfire;
using Taxii.Core.Feeds;
using Taxii.Feeds.Jobs;

namespace Taxii.Feeds.Publishing;

/// <summary>Keeps each feed's recurring job in line with the feed: scheduled while enabled with a schedule, absent otherwise.</summary>
public sealed class FeedScheduler(IRecurringJobManager jobs)
{
    public void Sync(OutgoingFeed feed)
    {
        if (feed is { Enabled: true, Schedule: { } cron })
        {
            jobs.AddOrUpdate<OutgoingFeedJob>(feed.JobId, j => j.RunScheduledAsync(feed.Id, null, CancellationToken.None), cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        else
        {
            jobs.RemoveIfExists(feed.JobId);
        }
    }

    public void Remove(OutgoingFeed feed) => jobs.RemoveIfExists(feed.JobId);

    /// <summary>An incoming feed's recurring job; only pollers (TAXII poll, mount point) have one.</summary>
    public void Sync(IncomingFeed feed)
    {
        if (feed is { Enabled: true, Schedule: { } cron, TransportType: IncomingTransportType.TaxiiPoll or IncomingTransportType.MountPoint })
        {
            jobs.AddOrUpdate<IncomingFeedJob>(feed.JobId, j => j.RunScheduledAsync(feed.Id, null, CancellationToken.None), cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        else
        {
            jobs.RemoveIfExists(feed.JobId);
        }
    }

    public void Remove(IncomingFeed feed) => jobs.RemoveIfExists(feed.JobId);

    /// <summary>Whether <paramref name="cron"/> is a five-field cron expression (minute hour day month weekday).</summary>
    public static bool IsValidCron(string cron)
    {
        try
        {
            CronExpression.Parse(cron, CronFormat.Standard);
            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// A schedule every <paramref name="minutes"/> as cron: cron repeats within an hour or a day, so the interval must
    /// divide an hour (1–60 minutes) or a day (whole hours dividing 24); null otherwise.
    /// </summary>
    public static string? CronForInterval(int minutes) => minutes switch
    {
        <= 0 => null,
        < 60 when 60 % minutes == 0 => $"*/{minutes} * * * *",
        60 => "0 * * * *",
        < 1440 when minutes % 60 == 0 && 24 % (minutes / 60) == 0 => $"0 */{minutes / 60} * * *",
        1440 => "0 0 * * *",
        _ => null,
    };
}
