using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Taxii.Feeds.Transports;

/// <summary>The settings of a network transport: what the run record and the log call its server.</summary>
internal interface INetworkEndpoint
{
    /// <summary>Scheme, host and port, never credentials.</summary>
    string Endpoint { get; }
}

/// <summary>
/// The shape every network transport shares: settings read once per run, one connection per run opened on first use,
/// each step (connecting, a package) run through <see cref="NetworkRetries"/> on a new connection after a failure, and
/// every failure turned into a <see cref="FeedDeliveryException"/> naming the step and the server for the run record.
/// </summary>
/// <remarks>
/// A transport says which failures may pass on their own (<see cref="Passing"/>: retried, then "gave up after N
/// attempts"), which are refusals with a message of their own (<see cref="Refusal"/>: never retried), and how to
/// connect and close. Scoped like every transport: one instance per run, disposed with the run's scope.
/// </remarks>
internal abstract partial class ConnectedTransport<TSettings>(NetworkRetries retries, ILogger logger) : IDisposable
    where TSettings : class, INetworkEndpoint
{
    private TSettings? _settings;
    private long _runId = -1;

    protected ILogger Logger { get; } = logger;

    /// <summary>The protocol's name in log lines ("SFTP", "syslog").</summary>
    protected abstract string Protocol { get; }

    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <summary>The run's settings, read (and secrets decrypted) once per run; a new run also gets a new connection.</summary>
    protected TSettings Settings(OutgoingDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (_settings is null || _runId != delivery.Run.Id)
        {
            Close();
            _settings = ReadSettings(delivery);
            _runId = delivery.Run.Id;
        }

        return _settings;
    }

    protected abstract TSettings ReadSettings(OutgoingDelivery delivery);

    /// <summary>Opens the connection unless one is open.</summary>
    protected abstract Task ConnectAsync(TSettings settings, CancellationToken cancellationToken);

    /// <summary>Closes the connection, if any; the next step connects again.</summary>
    protected abstract void Close();

    /// <summary>Failures that may pass: the server down, restarting or slow, the connection broken.</summary>
    protected abstract bool Passing(Exception failure);

    /// <summary>A failure that is the server's (or the settings') answer rather than the network's, as the run error; null if none.</summary>
    /// <param name="step">The step, capitalized, to begin the message with.</param>
    protected virtual FeedDeliveryException? Refusal(Exception failure, string step, TSettings settings) => null;

    /// <summary>Runs one step on an open connection, with the pipeline's retries; any failure becomes a run error.</summary>
    /// <param name="step">"connecting", "package 3": how the run error and the log name the step.</param>
    protected async Task RunAsync(OutgoingDelivery delivery, string step, Func<TSettings, CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var settings = Settings(delivery);
        var pipeline = retries.Pipeline(Passing, (attempt, e, delay) =>
            LogRetrying(Logger, delivery.Feed.Id, delivery.Run.Id, Protocol, step, attempt, retries.Describe(e, settings.Endpoint), delay));
        try
        {
            await pipeline.ExecuteAsync(async ct =>
            {
                try
                {
                    await ConnectAsync(settings, ct);
                    await action(settings, ct);
                }
                catch (Exception e) when (e is not FeedDeliveryException)
                {
                    // the connection may be broken halfway; the next attempt starts on a new one
                    Close();
                    throw;
                }
            }, cancellationToken);
        }
        catch (Exception e) when (e is not FeedDeliveryException && !cancellationToken.IsCancellationRequested)
        {
            var named = char.ToUpperInvariant(step[0]) + step[1..];
            if (Refusal(e, named, settings) is { } refusal)
            {
                throw refusal;
            }

            if (Passing(e) || e is TimeoutRejectedException)
            {
                throw new FeedDeliveryException($"{named}: {retries.Describe(e, settings.Endpoint)}; gave up after {retries.Attempts} attempts.", e);
            }

            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedId} run {RunId}: {Protocol} {Step} failed (attempt {Attempt}): {Reason}; next attempt in {Delay}")]
    private static partial void LogRetrying(ILogger logger, int feedId, long runId, string protocol, string step, int attempt, string reason, TimeSpan delay);
}
