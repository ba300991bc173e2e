using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Taxii.Feeds.Jobs;
using Taxii.Feeds.Subscriptions;

namespace Taxii.Feeds;

public static class DependencyInjection
{
    /// <summary>Feed and subscription jobs. Needs Hangfire (IRecurringJobManager, IBackgroundJobClient, JobStorage) from the host.</summary>
    public static IHostApplicationBuilder AddTaxiiFeeds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SubscriptionOptions>().BindConfiguration(SubscriptionOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DeliveryCron), "Taxii:Subscriptions:DeliveryCron must be a cron expression")
            .Validate(o => o.PushTimeout > TimeSpan.Zero && o.PushTimeout <= TimeSpan.FromHours(1), "Taxii:Subscriptions:PushTimeout must be between 0 and 1 hour")
            .Validate(o => o.RetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay, "Taxii:Subscriptions:RetryDelay must be positive and at most MaxRetryDelay")
            .ValidateOnStart();
        builder.Services.AddSingleton<SubscriptionPushClient>();
        builder.Services.AddScoped<SubscriptionDeliverer>();
        builder.Services.AddScoped<SubscriptionDeliveryJob>();
        builder.Services.AddHostedService<SubscriptionSchedule>();

        builder.Services.AddScoped<Publishing.FeedPublisher>();
        builder.Services.AddScoped<Publishing.FeedRunQueue>();
        builder.Services.AddScoped<Publishing.FeedScheduler>();
        builder.Services.AddScoped<OutgoingFeedJob>();
        builder.Services.AddHostedService<OutgoingFeedSchedule>();
        return builder;
    }

    /// <summary>Asks for pushes of <paramref name="collectionId"/>'s subscriptions now, rather than at the next scheduled run.</summary>
    public static void EnqueueSubscriptionDeliveries(this IBackgroundJobClient jobs, int collectionId) =>
        jobs.Enqueue<SubscriptionDeliveryJob>(j => j.DispatchAsync(collectionId, CancellationToken.None));
}
