using System.Net;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;
using Taxii.Protocol;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;

namespace Taxii.Feeds.Transports;

/// <summary>
/// Pushes each package to a remote TAXII inbox as an Inbox_Message with one content block. Failures that may pass
/// (no connection, a timeout, HTTP 5xx, RETRY or PENDING) are tried again through <see cref="NetworkRetries"/>, with a
/// doubling delay, a bounded number of times; any other refusal fails the run at once, its message naming the remote
/// status.
/// </summary>
/// <remarks>
/// Scoped: one instance serves one run, and its <see cref="TaxiiInboxSession"/> (one HTTP handler for the feed's
/// credentials and TLS settings) lives until the run's scope ends. Not cached across runs: a run is minutes apart from
/// the next, an idle pool would only hold sockets, and changed credentials take effect at the next run.
/// </remarks>
internal sealed partial class TaxiiInboxTransport(
    FeedSecrets secrets,
    IOptions<OutgoingFeedOptions> options,
    NetworkRetries retries,
    ILogger<TaxiiInboxTransport> logger) : IOutgoingTransport, IDisposable
{
    private const int MaxRemoteTextLength = 500;

    private TaxiiInboxSession? _session;

    public OutgoingTransportType Type => OutgoingTransportType.TaxiiInbox;

    public bool KeepsContent => false;

    public bool Carries(FeedContentType contentType) => contentType is FeedContentType.EclecticIqJson or FeedContentType.Stix12;

    public Task BeginAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        Open(delivery);
        return Task.CompletedTask;
    }

    public async Task DeliverAsync(OutgoingDelivery delivery, FeedPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(package);
        var session = _session is { } open && open.RunId == delivery.Run.Id ? open : Open(delivery);
        var block = PackageContent.ToContentBlock(package);
        var pipeline = retries.Pipeline(Passing, (attempt, e, delay) =>
            LogRetrying(delivery.Feed.Id, delivery.Run.Id, package.Sequence, attempt, Reason(e, session), delay));
        var attempts = 0;
        try
        {
            await pipeline.ExecuteAsync(async ct =>
            {
                attempts++;
                // a new message id per attempt: the remote may have logged the failed one
                var message = new InboxMessage(MessageIds.New())
                {
                    DestinationCollectionNames = session.Destination is null ? [] : [session.Destination],
                    ContentBlocks = [block],
                };
                await session.Client.InboxAsync(session.Inbox, message, ct);
            }, cancellationToken);
            LogPushed(delivery.Feed.Id, delivery.Run.Id, package.Sequence, session.Inbox, attempts);
        }
        catch (TaxiiStatusException e) when (!Passing(e))
        {
            throw new FeedDeliveryException($"Package {package.Sequence}: {Refusal(e)}", e);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
        {
            throw new FeedDeliveryException(
                $"Package {package.Sequence}: the TLS handshake with {session.Inbox} failed ({e.InnerException.Message}); check the server certificate, or the client certificate.", e);
        }
        catch (Exception e) when ((Passing(e) || e is TimeoutRejectedException) && !cancellationToken.IsCancellationRequested)
        {
            throw new FeedDeliveryException($"Package {package.Sequence}: {Reason(e, session)}; gave up after {attempts} attempts.", e);
        }
        catch (TaxiiProtocolException e)
        {
            throw new FeedDeliveryException($"Package {package.Sequence}: the answer of {session.Inbox} is not a TAXII message this server reads ({e.Message}).", e);
        }
    }

    public void Dispose() => _session?.Dispose();

    private TaxiiInboxSession Open(OutgoingDelivery delivery)
    {
        _session?.Dispose();
        _session = null;
        _session = TaxiiInboxSession.Open(delivery, secrets, options.Value);
        return _session;
    }

    /// <summary>
    /// Whether the same message may succeed later: no connection, a broken one (a peer restarting), a timeout, or the
    /// peer busy or broken for now rather than refusing it. A failed TLS handshake will not pass by itself.
    /// </summary>
    private static bool Passing(Exception e) => e switch
    {
        TaxiiStatusException status => Passing(status),
        HttpRequestException http => http.InnerException is not AuthenticationException,
        IOException or TimeoutException => true,
        _ => false,
    };

    private static bool Passing(TaxiiStatusException e) =>
        e.Status == StatusType.Retry
        || e.Status == StatusType.Pending
        || (int)e.HttpStatusCode >= 500
        || e.HttpStatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private string Reason(Exception e, TaxiiInboxSession session) =>
        e is TaxiiStatusException status ? Refusal(status) : retries.Describe(e, $"remote inbox {session.Inbox}");

    private static string Refusal(TaxiiStatusException e)
    {
        if (e.Reply is null)
        {
            // no Status_Message: only the HTTP status speaks (the client maps it to a status type)
            return e.HttpStatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? $"remote inbox answered HTTP {(int)e.HttpStatusCode} ({e.Status.Value}): the user name, password or client certificate was refused"
                : $"remote inbox answered HTTP {(int)e.HttpStatusCode} ({e.Status.Value}) without a TAXII message";
        }

        var text = e.PeerMessage ?? e.DetailText;
        var details = string.Join(", ", e.Details.Select(d => $"{d.Name}={d.Value}"));
        var said = (text, details) switch
        {
            (null or "", "") => "no message",
            (null or "", _) => details,
            (_, "") => text,
            _ => $"{text} ({details})",
        };
        if (said.Length > MaxRemoteTextLength)
        {
            said = said[..MaxRemoteTextLength] + "…";
        }

        var http = e.HttpStatusCode == HttpStatusCode.OK ? "" : $" (HTTP {(int)e.HttpStatusCode})";
        return $"remote inbox answered {e.Status.Value}{http}: {said}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId} run {RunId}: package {Sequence} pushed to {Inbox} (attempt {Attempt})")]
    private partial void LogPushed(int feedId, long runId, int sequence, Uri inbox, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedId} run {RunId}: push of package {Sequence} failed (attempt {Attempt}): {Reason}; next attempt in {Delay}")]
    private partial void LogRetrying(int feedId, long runId, int sequence, int attempt, string reason, TimeSpan delay);
}
