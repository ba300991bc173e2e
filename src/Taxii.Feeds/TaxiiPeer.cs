using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Taxii.Feeds.Secrets;
using Taxii.Protocol.Client;
using Taxii.Protocol.Messages;

namespace Taxii.Feeds;

/// <summary>
/// A TAXII client for one feed's remote peer: its own handler (TLS settings and client certificate are per feed, so no
/// handler is shared across feeds), kept for one run and disposed with it, so no socket outlives the run.
/// </summary>
internal sealed class TaxiiPeer : IDisposable
{
    private readonly HttpClient _http;
    private readonly X509Certificate2? _certificate;

    private TaxiiPeer(Uri address, TaxiiClient client, HttpClient http, X509Certificate2? certificate)
    {
        Address = address;
        Client = client;
        _http = http;
        _certificate = certificate;
    }

    /// <summary>The service's address; it holds no credentials (they are refused in the URL).</summary>
    public Uri Address { get; }

    public TaxiiClient Client { get; }

    public TaxiiVersion Version => Client.Version;

    /// <summary>
    /// Checks the settings, decrypts the secrets and builds the client; a setting that cannot work throws what
    /// <paramref name="fail"/> makes. <paramref name="configureHandler"/> may restrict the connection further (subscription
    /// pushes connect only where <see cref="Subscriptions.PushDestinations"/> allows).
    /// </summary>
    public static TaxiiPeer Open(
        PeerSettings settings, FeedSecrets secrets, TimeSpan timeout, Func<string, Exception?, Exception> fail, Action<SocketsHttpHandler>? configureHandler = null)
    {
        var address = CheckAddress(settings.Url, settings.What, fail);
        var version = settings.TaxiiVersion switch
        {
            null or "" or "1.1" => TaxiiVersion.V11,
            "1.0" => TaxiiVersion.V10,
            _ => throw fail($"Unknown TAXII version '{settings.TaxiiVersion}': use 1.1 or 1.0.", null),
        };
        var options = new TaxiiClientOptions { Version = version, Timeout = timeout, VerifyServerCertificate = settings.VerifyTls };
        if (!string.IsNullOrEmpty(settings.Username))
        {
            if (settings.Username.Contains(':', StringComparison.Ordinal))
            {
                throw fail("A basic-auth user name cannot contain ':'.", null);
            }

            options.UserName = settings.Username;
            options.Password = settings.ProtectedPassword is null ? string.Empty : secrets.Unprotect(settings.ProtectedPassword);
        }

        var certificate = settings.ProtectedClientCertificate is null ? null : LoadCertificate(secrets.Unprotect(settings.ProtectedClientCertificate), fail);
        options.ClientCertificate = certificate;
        var handler = TaxiiClient.CreateHandler(options);
        configureHandler?.Invoke(handler);
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        return new TaxiiPeer(address, new TaxiiClient(http, options), http, certificate);
    }

    public void Dispose()
    {
        _http.Dispose();
        _certificate?.Dispose();
    }

    private static Uri CheckAddress(string? url, string what, Func<string, Exception?, Exception> fail)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw fail($"The feed's {what} URL is not an absolute http or https address.", null);
        }

        // the URL is written into run errors and logs, so it must not carry a password
        return uri.UserInfo.Length > 0
            ? throw fail($"The feed's {what} URL carries credentials: give them as the user name and password instead.", null)
            : uri;
    }

    private static X509Certificate2 LoadCertificate(string base64, Func<string, Exception?, Exception> fail)
    {
        try
        {
            // stored as PKCS#12 without a password: the secret's encryption is what protects the key
            return X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64), password: null);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw fail("The stored client certificate is not a PKCS#12 (without password) in base64.", e);
        }
    }
}
