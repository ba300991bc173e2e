using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;
using ServiceType = Taxii.Protocol.Messages.ServiceType;

namespace Taxii.Feeds.Ingestion;

/// <summary>
/// Polls a remote TAXII collection for what is new since the last run: Exclusive_Begin_Timestamp is the last
/// Inclusive_End_Timestamp the remote returned (when it named none, the latest Timestamp_Label it sent; at first, the
/// feed's start time), multi-part results are followed with Poll_Fulfillment, and the feed's position moves to the
/// window's end only once every block of it was handled, so a run that fails asks for the same window again. A window
/// whose poll times out is split in two, down to <see cref="IncomingFeedOptions.MinimumWindow"/>. A remote
/// Status_Message fails the run, naming the status.
/// </summary>
internal sealed partial class TaxiiPollSource(FeedSecrets secrets, IOptionsMonitor<IncomingFeedOptions> options, TimeProvider time, ILogger<TaxiiPollSource> logger) : IIncomingSource
{
    public IncomingTransportType Type => IncomingTransportType.TaxiiPoll;

    public bool ArrivesDuringRuns => false;

    public async Task FetchAsync(IncomingFetch fetch, CancellationToken cancellationToken)
    {
        var feed = fetch.Feed;
        var settings = feed.Transport;
        var collection = settings.CollectionName is { Length: > 0 } name ? name : throw new IncomingSourceException("The feed names no remote collection.");
        using var peer = TaxiiPeer.Open(
            new PeerSettings(settings.IsDiscoveryUrl ? "discovery" : "poll", settings.PollUrl, settings.TaxiiVersion, settings.Username, settings.ProtectedPassword, settings.ProtectedClientCertificate, settings.VerifyTls),
            secrets, options.CurrentValue.PollTimeout, (message, inner) => new IncomingSourceException(message, inner));
        var poll = settings.IsDiscoveryUrl ? await DiscoverPollServiceAsync(peer, cancellationToken) : peer.Address;
        await PollWindowAsync(fetch, peer, poll, collection, feed.LastInclusiveEnd ?? settings.InitialBegin, end: null, cancellationToken);
    }

    private async Task PollWindowAsync(IncomingFetch fetch, TaxiiPeer peer, Uri poll, string collection, DateTimeOffset? begin, DateTimeOffset? end, CancellationToken cancellationToken)
    {
        var progress = new TaxiiPollProgress();
        try
        {
            await foreach (var block in peer.Client.PollAllAsync(poll, collection, begin, end, progress, cancellationToken))
            {
                var reference = string.Create(CultureInfo.InvariantCulture, $"collection '{collection}' after {Label(begin)}, block {progress.BlockCount} (part {progress.PartCount})");
                await fetch.IngestAsync(IncomingPackage.FromBytes(reference, block.Binding.BindingId, Encoding.UTF8.GetBytes(block.Content.Value)), cancellationToken);
            }
        }
        catch (TimeoutException) when (!cancellationToken.IsCancellationRequested)
        {
            // a window too large to answer in time: ask for its two halves (blocks already stored are skipped as known
            // packages). Our clock only places the middle; an open window's upper half stays open, so its end is the
            // remote's to state (or its latest label), never a "now" of ours that the remote's labels may not have reached
            var to = end ?? time.GetUtcNow();
            var from = begin ?? DateTimeOffset.UnixEpoch;
            if (to - from <= options.CurrentValue.MinimumWindow)
            {
                throw new IncomingSourceException($"Polling collection '{collection}' timed out even for a window of {to - from} (after {Label(begin)}); raise Taxii:IncomingFeeds:PollTimeout.");
            }

            var middle = from + ((to - from) / 2);
            LogSplit(collection, Label(begin), Label(to));
            await PollWindowAsync(fetch, peer, poll, collection, begin, middle, cancellationToken);
            await PollWindowAsync(fetch, peer, poll, collection, middle, end, cancellationToken);
            return;
        }
        catch (TaxiiStatusException e)
        {
            throw new IncomingSourceException(Describe(e, collection), e);
        }
        catch (HttpRequestException e)
        {
            throw new IncomingSourceException($"The poll service at {poll} could not be reached: {e.Message}", e);
        }
        catch (IOException e)
        {
            // the connection broke while the answer was being read; the window is asked again next run
            throw new IncomingSourceException($"The connection to the poll service at {poll} broke: {e.Message}", e);
        }

        // every block of the window is stored: the next run starts where this window ended, as the peer states it, or as
        // asked; a peer that names no end (OpenTAXII, asked without one) has gone as far as the latest label it sent, in
        // its own clock, where ours might lose what it labels later (docs/feeds.md, "Where the next window starts")
        fetch.Feed.LastInclusiveEnd = progress.InclusiveEndTimestamp ?? end ?? progress.LatestTimestampLabel switch
        {
            // never back before the window's begin, whatever a peer that ignores it sent
            { } latest when begin is not { } after || latest > after => latest,
            _ => fetch.Feed.LastInclusiveEnd,
        };
        if (progress is { InclusiveEndTimestamp: null, LatestTimestampLabel: null, BlockCount: > 0 } && end is null)
        {
            LogNoMeasure(collection, progress.BlockCount);
        }
    }

    private static async Task<Uri> DiscoverPollServiceAsync(TaxiiPeer peer, CancellationToken cancellationToken)
    {
        DiscoveryResponse discovery;
        try
        {
            discovery = await peer.Client.DiscoverAsync(peer.Address, cancellationToken);
        }
        catch (TaxiiStatusException e)
        {
            throw new IncomingSourceException($"The discovery service answered {e.Status.Value}: {e.PeerMessage}", e);
        }
        catch (HttpRequestException e)
        {
            throw new IncomingSourceException($"The discovery service at {peer.Address} could not be reached: {e.Message}", e);
        }

        var service = discovery.ServiceInstances.FirstOrDefault(s => s.ServiceType == ServiceType.Poll && s.Available != false)
            ?? throw new IncomingSourceException("The discovery service lists no available poll service.");
        return Uri.TryCreate(peer.Address, service.Address, out var address)
            ? address
            : throw new IncomingSourceException($"The discovery service gave a poll address that is not a URL: '{service.Address}'.");
    }

    /// <summary>The remote's answer, for the run record: the status type, its message, and what the spec says to do.</summary>
    private static string Describe(TaxiiStatusException e, string collection)
    {
        var status = e.Status.Value;
        var advice = status switch
        {
            "RETRY" => " The remote asks to try again later; the next run will.",
            "PENDING" => " The remote answers this poll asynchronously, which Taxii does not wait for; the next run asks again.",
            "UNAUTHORIZED" => " Check the feed's user name, password or client certificate.",
            "DENIED" => " The remote refused this user: check its rights on the collection.",
            "NOT_FOUND" => $" The remote has no collection '{collection}' (or hides it from this user).",
            _ => string.Empty,
        };
        // peers usually end their message with a full stop already
        return $"The remote poll service answered {status}: {(e.PeerMessage ?? e.Message).TrimEnd('.')}.{advice}";
    }

    private static string Label(DateTimeOffset? at) => at?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "the beginning";

    [LoggerMessage(LogLevel.Warning, "The remote named no Inclusive_End_Timestamp for collection {Collection} and none of its {BlockCount} blocks had a Timestamp_Label: the next run asks for the same window again (packages already stored are skipped)")]
    private partial void LogNoMeasure(string collection, long blockCount);

    [LoggerMessage(LogLevel.Information, "Poll of collection {Collection} from {Begin} to {End} timed out; polling its two halves")]
    private partial void LogSplit(string collection, string begin, string end);
}
