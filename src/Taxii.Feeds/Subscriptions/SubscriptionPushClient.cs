using Microsoft.Extensions.Options;
using Taxii.Core.Collections;
using Taxii.Feeds.Secrets;
using Taxii.Feeds.Transports;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;

namespace Taxii.Feeds.Subscriptions;

/// <summary>
/// The HTTP connection pool anonymous pushes go through, one per host, with a TAXII client per version on top; a push
/// with <see cref="PushCredential"/>s gets a client of its own (<see cref="OpenAuthenticated"/>). Every connection,
/// with credentials or without, goes only where <see cref="PushDestinations"/> allows.
/// </summary>
public sealed class SubscriptionPushClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TaxiiClient _v10;
    private readonly TaxiiClient _v11;
    private readonly PushDestinations _destinations;
    private readonly FeedSecrets _secrets;
    private readonly TimeSpan _timeout;

    public SubscriptionPushClient(IOptions<SubscriptionOptions> options, PushDestinations destinations, FeedSecrets secrets)
    {
        _destinations = destinations;
        _secrets = secrets;
        _timeout = options.Value.PushTimeout;
        var v10 = new TaxiiClientOptions { Version = TaxiiVersion.V10, Timeout = _timeout };
        var handler = TaxiiClient.CreateHandler(v10);
        Restrict(handler);
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _v10 = new TaxiiClient(_http, v10);
        _v11 = new TaxiiClient(_http, new TaxiiClientOptions { Version = TaxiiVersion.V11, Timeout = _timeout });
    }

    /// <summary>The shared client for pushes without credentials.</summary>
    public TaxiiClient For(TaxiiVersion version) => version == TaxiiVersion.V10 ? _v10 : _v11;

    /// <summary>
    /// A client presenting <paramref name="credential"/> to <paramref name="address"/>, with a handler of its own (the
    /// client certificate and the TLS check are per handler), to be disposed after the push so no socket outlives it.
    /// </summary>
    /// <exception cref="FeedDeliveryException">A secret cannot be decrypted, or would go over plain http without the administrator's consent.</exception>
    internal TaxiiPeer OpenAuthenticated(PushCredential credential, Uri address, TaxiiVersion version)
    {
        // validation refuses such credentials; this is the last line before a password would leave in clear
        if (address.Scheme != Uri.UriSchemeHttps && credential.Username is not null && !credential.AllowPlainHttp)
        {
            throw new FeedDeliveryException($"The push credentials for {credential.AddressPrefix} do not allow their password over plain http.");
        }

        var settings = new PeerSettings(
            "push", address.AbsoluteUri, version == TaxiiVersion.V10 ? "1.0" : "1.1",
            credential.Username, credential.ProtectedPassword, credential.ProtectedClientCertificate, credential.VerifyTls);
        return TaxiiPeer.Open(settings, _secrets, _timeout, (message, inner) => new FeedDeliveryException(message, inner), Restrict);
    }

    public void Dispose() => _http.Dispose();

    private void Restrict(SocketsHttpHandler handler)
    {
        handler.ConnectCallback = _destinations.ConnectAsync;
        // a proxy would be what the rule sees, not the subscriber's address
        handler.UseProxy = false;
    }
}
