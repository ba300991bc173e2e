using System.Security.Cryptography.X509Certificates;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Client;

/// <summary>
/// Settings of a <see cref="TaxiiClient"/>. The version, credentials and timeout act per request;
/// the client certificate and server-certificate check act on the handler built by
/// <see cref="TaxiiClient.CreateHandler(TaxiiClientOptions)"/>.
/// </summary>
public sealed class TaxiiClientOptions
{
    /// <summary>The default per-exchange timeout, the same as <see cref="HttpClient.Timeout"/>'s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    /// <summary>The TAXII version spoken: the message binding and services headers follow it.</summary>
    public TaxiiVersion Version { get; set; } = TaxiiVersion.V11;

    /// <summary>User name for HTTP basic authentication; none is sent when null.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for HTTP basic authentication. It is only ever written into the Authorization header.</summary>
    public string? Password { get; set; }

    /// <summary>A TLS client certificate with its private key (see <see cref="TaxiiClientCertificate"/>).</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>
    /// Whether the server's TLS certificate is checked. Turn off only for peers with self-signed
    /// certificates that cannot be trusted otherwise.
    /// </summary>
    public bool VerifyServerCertificate { get; set; } = true;

    /// <summary>
    /// The time allowed for one HTTP exchange: the request, the response headers and reading the body.
    /// A multi-part poll gets this time for each part. <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    internal void Validate()
    {
        if (Version is not (TaxiiVersion.V10 or TaxiiVersion.V11))
        {
            throw new ArgumentOutOfRangeException(nameof(Version), Version, "Unknown TAXII version.");
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The timeout must be positive or infinite.");
        }

        if (UserName is null != Password is null)
        {
            throw new ArgumentException("Basic authentication needs both a user name and a password.", nameof(UserName));
        }

        // RFC 7617: a colon in the user-id would make the credentials ambiguous
        if (UserName is not null && UserName.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A basic-auth user name cannot contain ':'.", nameof(UserName));
        }
    }
}
