using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Taxii.Feeds.Jobs;
using Taxii.Feeds.Secrets;
using Taxii.Feeds.Subscriptions;
using Taxii.Feeds.Transports;

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
        builder.Services.AddSingleton<IValidateOptions<SubscriptionOptions>, SubscriptionOptionsValidator>();
        builder.Services.AddSingleton<PushDestinations>();
        builder.Services.AddSingleton<SubscriptionPushClient>();
        builder.Services.AddScoped<SubscriptionDeliverer>();
        builder.Services.AddSingleton<PushCollectionCache>();
        builder.Services.AddSingleton<Ingestion.InboxFeedCollections>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, FeedCacheInvalidation>();
        builder.Services.AddSingleton<DeliveryQueue>();
        builder.Services.AddScoped<SubscriptionPushTrigger>();
        builder.Services.AddScoped<SubscriptionDeliveryJob>();
        builder.Services.AddHostedService<SubscriptionSchedule>();

        builder.Services.AddScoped<Publishing.FeedPublisher>();
        builder.Services.AddScoped<Publishing.FeedRunQueue>();
        builder.Services.AddScoped<Publishing.FeedScheduler>();
        builder.Services.AddScoped<OutgoingFeedJob>();
        builder.Services.AddHostedService<FeedSchedule>();

        builder.Services.AddOptions<Ingestion.IncomingFeedOptions>().BindConfiguration(Ingestion.IncomingFeedOptions.SectionName)
            .Validate(o => o.PollTimeout > TimeSpan.Zero && o.PollTimeout <= TimeSpan.FromHours(1), "Taxii:IncomingFeeds:PollTimeout must be between 0 and 1 hour")
            .Validate(o => o.MinimumWindow >= TimeSpan.FromSeconds(1), "Taxii:IncomingFeeds:MinimumWindow must be at least 1 second")
            .ValidateOnStart();
        builder.Services.AddScoped<Ingestion.IIncomingSource, Ingestion.TaxiiPollSource>();
        builder.Services.AddScoped<Ingestion.IngestionPipeline>();
        builder.Services.AddScoped<Ingestion.IncomingSources>();
        builder.Services.AddScoped<Ingestion.IncomingFeedRunner>();
        builder.Services.AddScoped<Ingestion.IncomingFeedRunQueue>();
        builder.Services.AddScoped<IncomingFeedJob>();
        builder.Services.AddScoped<Ingestion.IIncomingSource, Ingestion.MountPointSource>();
        builder.Services.AddScoped<Ingestion.IIncomingSource, Ingestion.InboxSource>();
        builder.Services.AddScoped<Ingestion.InboxFeedTrigger>();
        builder.Services.AddScoped<InboxSweepJob>();
        builder.Services.AddHostedService<InboxSweepSchedule>();
        builder.Services.AddScoped<InterruptedRunSweepJob>();
        builder.Services.AddHostedService<InterruptedRunSweepSchedule>();
        builder.Services.AddOptions<OutgoingFeedOptions>().BindConfiguration(OutgoingFeedOptions.SectionName)
            .Validate(o => o.PushAttempts is >= 1 and <= OutgoingFeedOptions.MaxPushAttempts, "Taxii:OutgoingFeeds:PushAttempts must be between 1 and 10")
            .Validate(o => o.PushRetryDelay > TimeSpan.Zero && o.PushRetryDelay <= TimeSpan.FromMinutes(5), "Taxii:OutgoingFeeds:PushRetryDelay must be between 0 and 5 minutes")
            .Validate(o => o.PushTimeout > TimeSpan.Zero && o.PushTimeout <= TimeSpan.FromHours(1), "Taxii:OutgoingFeeds:PushTimeout must be between 0 and 1 hour")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<FeedSecrets>();
        builder.Services.AddScoped<IOutgoingTransport, TaxiiPollTransport>();
        builder.Services.AddScoped<IOutgoingTransport, TaxiiInboxTransport>();
        builder.Services.AddScoped<IOutgoingTransport, HttpDownloadTransport>();
        builder.Services.AddScoped<IOutgoingTransport, MountPointTransport>();
        builder.Services.AddSingleton<NetworkRetries>();
        builder.Services.AddScoped<IOutgoingTransport, Transports.Sftp.SftpTransport>();
        builder.Services.AddScoped<IOutgoingTransport, Transports.Syslog.SyslogTransport>();
        builder.Services.AddScoped<IOutgoingTransport, Transports.Ftp.FtpTransport>();
        builder.Services.AddScoped<IOutgoingTransport, Transports.Email.EmailTransport>();
        builder.Services.AddScoped<IOutgoingTransport, Transports.Imap.ImapTransport>();
        builder.Services.AddScoped<OutgoingTransports>();
        return builder;
    }
}
