using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;

namespace Taxii.Feeds.Transports;

/// <summary>
/// One run's connection to a remote inbox: its own handler (TLS settings and client certificate are per feed, so no
/// handler can be shared across feeds), kept for the run's packages and disposed with the run, so no socket outlives it.
/// </summary>
internal sealed class TaxiiInboxSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly X509Certificate2? _certificate;

    private TaxiiInboxSession(long runId, Uri inbox, string? destination, TaxiiClient client, HttpClient http, X509Certificate2? certificate)
    {
        RunId = runId;
        Inbox = inbox;
        Destination = destination;
        Client = client;
        _http = http;
        _certificate = certificate;
    }

    public long RunId { get; }

    /// <summary>The inbox's address; it holds no credentials (they are refused in the URL).</summary>
    public Uri Inbox { get; }

    public string? Destination { get; }

    public TaxiiClient Client { get; }

    /// <summary>Checks the feed's settings, decrypts its secrets and builds the client.</summary>
    /// <exception cref="FeedDeliveryException">The settings cannot work, or a secret cannot be decrypted.</exception>
    public static TaxiiInboxSession Open(OutgoingDelivery delivery, FeedSecrets secrets, OutgoingFeedOptions options)
    {
        var settings = delivery.Feed.Transport;
        var inbox = InboxAddress(settings.InboxUrl);
        var version = settings.TaxiiVersion switch
        {
            null or "" or "1.1" => TaxiiVersion.V11,
            "1.0" => TaxiiVersion.V10,
            _ => throw new FeedDeliveryException($"Unknown TAXII version '{settings.TaxiiVersion}': use 1.1 or 1.0."),
        };
        var destination = string.IsNullOrWhiteSpace(settings.DestinationCollection) ? null : settings.DestinationCollection;
        if (version == TaxiiVersion.V10 && destination is not null)
        {
            // the 1.0 Inbox_Message has no Destination_Collection_Name: dropping it would deliver somewhere else
            throw new FeedDeliveryException("A TAXII 1.0 inbox message cannot name a destination collection: clear the destination collection or use TAXII 1.1.");
        }

        var clientOptions = new TaxiiClientOptions { Version = version, Timeout = options.PushTimeout, VerifyServerCertificate = settings.VerifyTls };
        if (!string.IsNullOrEmpty(settings.Username))
        {
            if (settings.Username.Contains(':', StringComparison.Ordinal))
            {
                throw new FeedDeliveryException("A basic-auth user name cannot contain ':'.");
            }

            clientOptions.UserName = settings.Username;
            clientOptions.Password = settings.ProtectedPassword is null ? string.Empty : secrets.Unprotect(settings.ProtectedPassword);
        }

        var certificate = settings.ProtectedClientCertificate is null ? null : LoadCertificate(secrets.Unprotect(settings.ProtectedClientCertificate));
        clientOptions.ClientCertificate = certificate;
        var http = new HttpClient(TaxiiClient.CreateHandler(clientOptions), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        return new TaxiiInboxSession(delivery.Run.Id, inbox, destination, new TaxiiClient(http, clientOptions), http, certificate);
    }

    public void Dispose()
    {
        _http.Dispose();
        _certificate?.Dispose();
    }

    private static Uri InboxAddress(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new FeedDeliveryException("The feed's inbox URL is not an absolute http or https address.");
        }

        // the URL is written into run errors and logs, so it must not carry a password
        return uri.UserInfo.Length > 0
            ? throw new FeedDeliveryException("The feed's inbox URL carries credentials: give them as the user name and password instead.")
            : uri;
    }

    private static X509Certificate2 LoadCertificate(string base64)
    {
        try
        {
            // stored as PKCS#12 without a password: the secret's encryption is what protects the key
            return X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64), password: null);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw new FeedDeliveryException("The feed's client certificate is not a PKCS#12 (without password) in base64.", e);
        }
    }
}
