using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;
using Renci.SshNet;
using Renci.SshNet.Common;
using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;

namespace Taxii.Feeds.Transports.Sftp;

/// <summary>
/// An SFTP feed's settings, out of <see cref="OutgoingTransportSettings"/> with the secrets decrypted; and the checks
/// the API makes on them when a feed is saved.
/// </summary>
public sealed partial record SftpSettings(
    string Host,
    int Port,
    string Username,
    string? Password,
    string? PrivateKey,
    string HostKeyFingerprint,
    string RemoteDirectory) : INetworkEndpoint
{
    public const int DefaultPort = 22;

    /// <summary>What the run record and the log call the server: never with credentials.</summary>
    public string Endpoint => $"sftp://{Host}:{Port}";

    /// <summary>Without the secrets: a record would print every member, the password and the key with them.</summary>
    public override string ToString() => $"{Username} at {Endpoint}{RemoteDirectory}";

    /// <summary>The settings of a saved feed, secrets decrypted.</summary>
    /// <exception cref="FeedDeliveryException">A setting is missing (the API refuses that, but the row may be old), or a secret cannot be decrypted.</exception>
    public static SftpSettings From(OutgoingTransportSettings settings, FeedSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        string Required(string? value, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw new FeedDeliveryException($"The feed has no SFTP {field} (transport.{field}).") : value;

        var password = settings.ProtectedPassword is { } p ? secrets.Unprotect(p) : null;
        var key = settings.ProtectedPrivateKey is { } k ? secrets.Unprotect(k) : null;
        if (password is null && key is null)
        {
            throw new FeedDeliveryException("The feed has neither an SFTP password nor a private key (transport.password, transport.privateKey).");
        }

        return new SftpSettings(
            Required(settings.Host, "host"),
            settings.Port ?? DefaultPort,
            Required(settings.Username, "username"),
            password,
            key,
            Required(settings.HostKeyFingerprint, "hostKeyFingerprint"),
            Required(settings.RemoteDirectory, "remoteDirectory"));
    }

    /// <summary>
    /// A SHA-256 host key fingerprint as <c>ssh-keygen -l</c> prints it (<c>SHA256:</c> and 43 characters of unpadded
    /// base64), the prefix optional; normalized with the prefix.
    /// </summary>
    public static bool TryParseFingerprint(string? value, [NotNullWhen(true)] out string? fingerprint)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.StartsWith("SHA256:", StringComparison.Ordinal))
        {
            trimmed = trimmed["SHA256:".Length..];
        }

        fingerprint = Base64Sha256().IsMatch(trimmed) ? "SHA256:" + trimmed : null;
        return fingerprint is not null;
    }

    /// <summary>An absolute POSIX directory without <c>..</c> or control characters, without a trailing slash (but "/").</summary>
    public static bool TryParseRemoteDirectory(string? value, [NotNullWhen(true)] out string? directory)
    {
        var trimmed = value?.Trim() ?? "";
        directory = null;
        if (!trimmed.StartsWith('/') || trimmed.Any(char.IsControl) || trimmed.Split('/').Contains(".."))
        {
            return false;
        }

        directory = trimmed.Length > 1 ? trimmed.TrimEnd('/') : trimmed;
        directory = directory.Length == 0 ? "/" : directory;
        return true;
    }

    /// <summary>Whether SSH.NET reads the text as an unencrypted private key (OpenSSH, PEM or PuTTY format).</summary>
    public static bool IsPrivateKey(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            using var key = ReadKey(value);
            return true;
        }
        catch (Exception e) when (e is SshException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException or IOException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    internal static PrivateKeyFile ReadKey(string value)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(value.Trim() + "\n"), writable: false);
        return new PrivateKeyFile(stream);
    }

    [GeneratedRegex("^[A-Za-z0-9+/]{43}$")]
    private static partial Regex Base64Sha256();
}
