using System.Net;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using Taxii.Protocol.Client.Internal;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Protocol.Client;

/// <summary>
/// A TAXII 1.1 or 1.0 client over the HTTP binding. It takes an <see cref="HttpClient"/> from the caller,
/// who adds resilience; build its handler with <see cref="CreateHandler(TaxiiClientOptions)"/> for TLS settings.
/// Every call is one POST (a multi-part poll: one per part), bounded by <see cref="TaxiiClientOptions.Timeout"/>.
/// </summary>
public sealed class TaxiiClient
{
    private readonly TaxiiTransport _transport;
    private readonly TimeSpan _timeout;

    public TaxiiClient(HttpClient httpClient, TaxiiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _transport = new TaxiiTransport(httpClient, options);
        _timeout = options.Timeout;
    }

    /// <summary>The TAXII version this client speaks.</summary>
    public TaxiiVersion Version => _transport.Version;

    /// <summary>
    /// A handler with the options' TLS client certificate and server-certificate check. Redirects are not
    /// followed: HTTP turns a redirected POST into a GET, which no TAXII service answers.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(TaxiiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (options.ClientCertificate is { } certificate)
        {
            handler.SslOptions.ClientCertificates = [certificate];

            // offer the certificate even when the server names no issuer it trusts (self-signed peers often do)
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        if (!options.VerifyServerCertificate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = AcceptAnyCertificate;
        }

        return handler;
    }

    /// <summary>Asks a discovery service which services it offers.</summary>
    public Task<DiscoveryResponse> DiscoverAsync(Uri uri, CancellationToken cancellationToken = default) =>
        ExchangeAsync<DiscoveryResponse>(uri, new DiscoveryRequest(MessageIds.New()), cancellationToken);

    /// <summary>Asks a collection management service (1.0: feed management) which collections it offers.</summary>
    public Task<CollectionInformationResponse> GetCollectionInformationAsync(
        Uri uri, CancellationToken cancellationToken = default) =>
        ExchangeAsync<CollectionInformationResponse>(uri, new CollectionInformationRequest(MessageIds.New()), cancellationToken);

    /// <summary>Subscribes, unsubscribes, asks a subscription's status, pauses or resumes it.</summary>
    public Task<SubscriptionManagementResponse> ManageSubscriptionAsync(
        Uri uri, SubscriptionManagementRequest request, CancellationToken cancellationToken = default) =>
        ExchangeAsync<SubscriptionManagementResponse>(uri, request, cancellationToken);

    /// <summary>Polls once and returns the whole Poll_Response, blocks included; see <see cref="PollAllAsync(Uri, PollRequest, TaxiiPollProgress?, CancellationToken)"/> to stream.</summary>
    public Task<PollResponse> PollAsync(Uri uri, PollRequest request, CancellationToken cancellationToken = default) =>
        ExchangeAsync<PollResponse>(uri, request, cancellationToken);

    /// <summary>Asks for one part of a multi-part or asynchronous poll result (1.1 only).</summary>
    public Task<PollResponse> FulfillPollAsync(
        Uri uri, PollFulfillmentRequest request, CancellationToken cancellationToken = default)
    {
        RequireV11("Poll_Fulfillment");
        return ExchangeAsync<PollResponse>(uri, request, cancellationToken);
    }

    /// <summary>
    /// Sends content to an inbox and returns the SUCCESS Status_Message; any other status throws
    /// <see cref="TaxiiStatusException"/>. The message is written onto the connection as it is serialized.
    /// </summary>
    public Task<StatusMessage> InboxAsync(Uri uri, InboxMessage message, CancellationToken cancellationToken = default) =>
        ExchangeAsync<StatusMessage>(uri, message, inboxBlocks: null, cancellationToken);

    /// <summary>
    /// Sends an inbox message whose blocks come from <paramref name="blocks"/> (enumerated once, while the body is
    /// written), so that content read from a store never sits in memory whole. <paramref name="header"/> carries
    /// every other field and no blocks.
    /// </summary>
    public Task<StatusMessage> InboxAsync(
        Uri uri, InboxMessage header, IAsyncEnumerable<ContentBlock> blocks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(blocks);
        if (header.ContentBlocks.Count > 0)
        {
            throw new ArgumentException("Pass the blocks in the sequence, not in the header.", nameof(header));
        }

        return ExchangeAsync<StatusMessage>(uri, header, blocks, cancellationToken);
    }

    /// <summary>
    /// Polls <paramref name="collectionName"/> for labels in (<paramref name="exclusiveBegin"/>, <paramref name="inclusiveEnd"/>]
    /// and streams every block of every part, following multi-part results (1.1). Blocks are handed out as they
    /// are read off the connection. <paramref name="progress"/> receives the final Inclusive_End_Timestamp and the latest
    /// Timestamp_Label received.
    /// </summary>
    public IAsyncEnumerable<ContentBlock> PollAllAsync(
        Uri uri,
        string collectionName,
        DateTimeOffset? exclusiveBegin,
        DateTimeOffset? inclusiveEnd,
        TaxiiPollProgress? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(collectionName);
        var request = PollRequests.Create(MessageIds.New(), collectionName, exclusiveBegin, inclusiveEnd);
        return PollAllAsync(uri, request, progress, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="request"/> and streams every block of every part, following multi-part results (1.1)
    /// with Poll_Fulfillment requests for part n+1 while more=true.
    /// </summary>
    public async IAsyncEnumerable<ContentBlock> PollAllAsync(
        Uri uri,
        PollRequest request,
        TaxiiPollProgress? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        progress ??= new TaxiiPollProgress();
        ITaxiiMessage next = request;
        while (true)
        {
            using var scope = new TimeoutScope(_timeout, cancellationToken);
            await using var part = await GuardAsync(scope, PollPart.OpenAsync(_transport, uri, next, scope));
            part.Record(progress);
            await using (var blocks = part.ReadBlocksAsync(scope.Token).GetAsyncEnumerator(scope.Token))
            {
                while (await GuardAsync(scope, blocks.MoveNextAsync()))
                {
                    progress.BlockCount++;
                    // the maximum, not the last: a part is a label range, the order of blocks inside it is the peer's
                    if (blocks.Current.TimestampLabel is { } label && (progress.LatestTimestampLabel is not { } latest || label > latest))
                    {
                        progress.LatestTimestampLabel = label;
                    }

                    yield return blocks.Current;
                }
            }

            if (!part.More || Version == TaxiiVersion.V10)
            {
                progress.IsComplete = true;
                yield break;
            }

            next = part.NextFulfillment(MessageIds.New(), request.CollectionName);
        }
    }

    private Task<T> ExchangeAsync<T>(Uri uri, ITaxiiMessage request, CancellationToken cancellationToken)
        where T : class, ITaxiiResponse =>
        ExchangeAsync<T>(uri, request, inboxBlocks: null, cancellationToken);

    private async Task<T> ExchangeAsync<T>(
        Uri uri, ITaxiiMessage request, IAsyncEnumerable<ContentBlock>? inboxBlocks, CancellationToken cancellationToken)
        where T : class, ITaxiiResponse
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = new TimeoutScope(_timeout, cancellationToken);
        try
        {
            var (response, version) = await _transport.SendAsync(uri, request, inboxBlocks, scope);
            using (response)
            {
                await using var body = await scope.ReadBodyAsync(response);
                var read = await TaxiiMessageReader.ReadAsync(body, scope.Token);
                return ResponseCheck.Expect<T>(read, version, request);
            }
        }
        catch (Exception e) when (scope.IsCancelled)
        {
            var translated = scope.Translate(e);
            if (ReferenceEquals(translated, e))
            {
                throw;
            }

            throw translated;
        }
    }

    // iterators cannot catch around a yield, so each awaited step translates a cancellation on its own
    private static async ValueTask<T> GuardAsync<T>(TimeoutScope scope, ValueTask<T> step)
    {
        try
        {
            return await step;
        }
        catch (Exception e) when (scope.IsCancelled)
        {
            var translated = scope.Translate(e);
            if (ReferenceEquals(translated, e))
            {
                throw;
            }

            throw translated;
        }
    }

    private static ValueTask<T> GuardAsync<T>(TimeoutScope scope, Task<T> step) => GuardAsync(scope, new ValueTask<T>(step));

    private void RequireV11(string what)
    {
        if (Version != TaxiiVersion.V11)
        {
            throw new NotSupportedException($"{what} exists only in TAXII 1.1.");
        }
    }

    private static bool AcceptAnyCertificate(
        object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;
}
