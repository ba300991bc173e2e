using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Taxii.Feeds.Transports;

/// <summary>
/// The one retry and timeout pipeline of the network transports, from <c>Taxii:OutgoingFeeds</c>: each attempt gets at
/// most <see cref="OutgoingFeedOptions.PushTimeout"/>, and a failure the transport calls passing (or an attempt that
/// timed out) is tried again after <see cref="OutgoingFeedOptions.PushRetryDelay"/>, doubling, up to
/// <see cref="OutgoingFeedOptions.PushAttempts"/> attempts in all. Anything else, a <see cref="FeedDeliveryException"/>
/// above all, ends the attempts at once.
/// </summary>
internal sealed class NetworkRetries(IOptions<OutgoingFeedOptions> options, TimeProvider time)
{
    public int Attempts => options.Value.PushAttempts;

    /// <param name="passing">Whether a failure may pass on its own (the peer down or busy), rather than be a refusal.</param>
    /// <param name="onRetry">Called before each wait: the failed attempt's number (1-based), its failure and the wait.</param>
    public ResiliencePipeline Pipeline(Func<Exception, bool> passing, Action<int, Exception, TimeSpan> onRetry)
    {
        ArgumentNullException.ThrowIfNull(passing);
        ArgumentNullException.ThrowIfNull(onRetry);
        var settings = options.Value;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (settings.PushAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.PushAttempts - 1,
                Delay = settings.PushRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                // a run is one client: jitter spreads the load of many, and would only make the waits harder to read
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && (e is TimeoutRejectedException || passing(e))),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is { } e)
                    {
                        onRetry(args.AttemptNumber + 1, e, args.RetryDelay);
                    }

                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(settings.PushTimeout).Build();
    }

    /// <summary>What an attempt's failure was, for the run record and the log: a timeout names the limit.</summary>
    public string Describe(Exception e, string peer) => e is TimeoutRejectedException or TimeoutException
        ? $"{peer} did not answer within {options.Value.PushTimeout}"
        : $"{peer} could not be reached ({e.Message})";
}
