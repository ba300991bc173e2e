using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Security;
using MimeKit;
using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;

namespace Taxii.Feeds.Transports.Email;

/// <summary>
/// The server an e-mail (SMTP) or IMAP feed talks to: where, how the connection is secured (and which certificate is
/// trusted), and the login, the password decrypted; and the checks the API makes on those settings.
/// </summary>
public sealed record MailServer(
    string Scheme,
    string Host,
    int Port,
    string Security,
    bool VerifyTls,
    string? CertificateFingerprint,
    string? Username,
    string? Password)
{
    public const string None = "none";
    public const string StartTls = "starttls";
    public const string Tls = "tls";

    /// <summary>What the run record and the log call the server: never with credentials.</summary>
    public string Endpoint => $"{Scheme}://{Host}:{Port}";

    internal SecureSocketOptions SocketOptions => Security switch
    {
        Tls => SecureSocketOptions.SslOnConnect,
        StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    /// <summary>Without the password: a record would print every member.</summary>
    public override string ToString() => Username is null ? Endpoint : $"{Username} at {Endpoint}";

    public static bool IsSecurity(string? value) => value is None or StartTls or Tls;

    /// <summary>The server settings of a saved feed, the password decrypted.</summary>
    /// <param name="scheme">"smtp" or "imap", for <see cref="Endpoint"/>.</param>
    /// <param name="defaultPort">The port when none is set, by security.</param>
    /// <exception cref="FeedDeliveryException">A setting is missing (the API refuses that, but the row may be old), or the password cannot be decrypted.</exception>
    internal static MailServer From(OutgoingTransportSettings settings, FeedSecrets secrets, string scheme, Func<string, int> defaultPort)
    {
        var security = settings.Security ?? StartTls;
        if (string.IsNullOrWhiteSpace(settings.Host) || !IsSecurity(security))
        {
            throw new FeedDeliveryException($"The feed names no {scheme.ToUpperInvariant()} host or security (transport.host, transport.security).");
        }

        return new MailServer(
            scheme,
            settings.Host,
            settings.Port ?? defaultPort(security),
            security,
            settings.VerifyTls,
            settings.CertificateFingerprint,
            string.IsNullOrEmpty(settings.Username) ? null : settings.Username,
            settings.ProtectedPassword is { } p ? secrets.Unprotect(p) : null);
    }

    /// <summary>
    /// A certificate's SHA-256 fingerprint: 64 hex digits, in pairs separated by colons or not (as <c>openssl x509
    /// -noout -fingerprint -sha256</c> prints it, its <c>sha256 Fingerprint=</c> prefix optional); normalized to
    /// upper-case pairs with colons.
    /// </summary>
    public static bool TryParseFingerprint(string? value, [NotNullWhen(true)] out string? fingerprint)
    {
        var trimmed = value?.Trim() ?? "";
        var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0 && trimmed[..equals].Contains("fingerprint", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[(equals + 1)..];
        }

        var hex = trimmed.Replace(":", "", StringComparison.Ordinal);
        fingerprint = hex.Length == 64 && hex.All(char.IsAsciiHexDigit) && (trimmed.Length == 64 || trimmed.Length == 95)
            ? Pairs(Convert.FromHexString(hex))
            : null;
        return fingerprint is not null;
    }

    /// <summary>The certificate's SHA-256 fingerprint as <see cref="TryParseFingerprint"/> normalizes it.</summary>
    public static string Fingerprint(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Pairs(certificate.GetCertHash(HashAlgorithmName.SHA256));
    }

    /// <summary>A bare e-mail address (<c>name@domain</c>, no display name or route).</summary>
    public static bool TryParseAddress(string? value, [NotNullWhen(true)] out MailboxAddress? address)
    {
        address = null;
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length is 0 or > 254 || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or ',' or ';')
            || !MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var parsed) || parsed.Route.Count > 0)
        {
            return false;
        }

        var at = parsed.Address.LastIndexOf('@');
        if (at <= 0 || at == parsed.Address.Length - 1)
        {
            return false;
        }

        address = new MailboxAddress("", parsed.Address);
        return true;
    }

    private static string Pairs(byte[] hash) => string.Join(':', Convert.ToHexString(hash).Chunk(2).Select(pair => new string(pair)));
}
