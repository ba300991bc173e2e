using Microsoft.Extensions.Options;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;

namespace Taxii.Feeds.Subscriptions;

/// <summary>
/// The HTTP connection pool pushes go through, one per host, with a TAXII client per version on top. Pushes are sent
/// without credentials: the subscription model holds none (see docs/subscriptions.md). Connections go only where
/// <see cref="PushDestinations"/> allows.
/// </summary>
public sealed class SubscriptionPushClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TaxiiClient _v10;
    private readonly TaxiiClient _v11;

    public SubscriptionPushClient(IOptions<SubscriptionOptions> options, PushDestinations destinations)
    {
        var timeout = options.Value.PushTimeout;
        var v10 = new TaxiiClientOptions { Version = TaxiiVersion.V10, Timeout = timeout };
        var handler = TaxiiClient.CreateHandler(v10);
        handler.ConnectCallback = destinations.ConnectAsync;
        // a proxy would be what the rule sees, not the subscriber's address
        handler.UseProxy = false;
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _v10 = new TaxiiClient(_http, v10);
        _v11 = new TaxiiClient(_http, new TaxiiClientOptions { Version = TaxiiVersion.V11, Timeout = timeout });
    }

    public TaxiiClient For(TaxiiVersion version) => version == TaxiiVersion.V10 ? _v10 : _v11;

    public void Dispose() => _http.Dispose();
}
