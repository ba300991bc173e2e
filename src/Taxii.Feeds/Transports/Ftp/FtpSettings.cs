using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;
using Taxii.Feeds.Transports.Sftp;

namespace Taxii.Feeds.Transports.Ftp;

/// <summary>
/// An FTP feed's settings, out of <see cref="OutgoingTransportSettings"/> with the password decrypted; and the checks
/// the API makes on them when a feed is saved.
/// </summary>
public sealed partial record FtpSettings(
    string Host,
    int Port,
    string Username,
    string Password,
    string TlsMode,
    string? CertificateFingerprint,
    string RemoteDirectory) : INetworkEndpoint
{
    public const int DefaultPort = 21;

    /// <summary>Plain FTP: the password and the packages cross the network readable.</summary>
    public const string None = "none";

    /// <summary>FTPS with explicit TLS (RFC 4217): <c>AUTH TLS</c> on the control connection, <c>PROT P</c> for data.</summary>
    public const string Explicit = "explicit";

    public bool UsesTls => TlsMode == Explicit;

    /// <summary>What the run record and the log call the server: never with credentials.</summary>
    public string Endpoint => $"ftp://{Host}:{Port}";

    /// <summary>Without the password: a record would print every member.</summary>
    public override string ToString() => $"{Username} at {Endpoint}{RemoteDirectory}";

    public static bool IsTlsMode(string? value) => value is None or Explicit;

    /// <summary>The settings of a saved feed, the password decrypted.</summary>
    /// <exception cref="FeedDeliveryException">A setting is missing (the API refuses that, but the row may be old), or the password cannot be decrypted.</exception>
    public static FtpSettings From(OutgoingTransportSettings settings, FeedSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        string Required(string? value, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw new FeedDeliveryException($"The feed has no FTP {field} (transport.{field}).") : value;

        var password = settings.ProtectedPassword is { } p
            ? secrets.Unprotect(p)
            : throw new FeedDeliveryException("The feed has no FTP password (transport.password).");
        var mode = settings.TlsMode ?? Explicit;
        return new FtpSettings(
            Required(settings.Host, "host"),
            settings.Port ?? DefaultPort,
            Required(settings.Username, "username"),
            password,
            IsTlsMode(mode) ? mode : throw new FeedDeliveryException($"The feed's FTP tlsMode '{mode}' is not none or explicit (transport.tlsMode)."),
            settings.CertificateFingerprint,
            Required(settings.RemoteDirectory, "remoteDirectory"));
    }

    /// <summary>
    /// A certificate's SHA-256 fingerprint as <c>openssl x509 -noout -fingerprint -sha256</c> prints it: 32 bytes in hex,
    /// with or without colons, in either case (an <c>sha256 Fingerprint=</c> prefix allowed); normalized to upper-case
    /// hex pairs with colons.
    /// </summary>
    public static bool TryParseFingerprint(string? value, [NotNullWhen(true)] out string? fingerprint)
    {
        var trimmed = value?.Trim() ?? "";
        var prefix = trimmed.IndexOf('=', StringComparison.Ordinal);
        if (prefix >= 0 && trimmed[..prefix].Trim().Equals("sha256 fingerprint", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[(prefix + 1)..].Trim();
        }

        var hex = trimmed.Replace(":", "", StringComparison.Ordinal);
        fingerprint = Sha256Hex().IsMatch(hex) ? Format(Convert.FromHexString(hex)) : null;
        return fingerprint is not null;
    }

    /// <summary>A SHA-256 digest as the pin is written: upper-case hex pairs with colons.</summary>
    public static string Format(ReadOnlySpan<byte> sha256) => string.Join(':', sha256.ToArray().Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>An absolute path on the server without <c>..</c> or control characters (which would end an FTP command line).</summary>
    public static bool TryParseRemoteDirectory(string? value, [NotNullWhen(true)] out string? directory) =>
        SftpSettings.TryParseRemoteDirectory(value, out directory);

    [GeneratedRegex("^[0-9A-Fa-f]{64}$")]
    private static partial Regex Sha256Hex();
}
