using MimeKit;
using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;
using Taxii.Feeds.Transports.Email;

namespace Taxii.Feeds.Transports.Imap;

/// <summary>An IMAP feed's settings, out of <see cref="OutgoingTransportSettings"/> with the password decrypted.</summary>
public sealed record ImapSettings(
    MailServer Server,
    string Folder,
    MailboxAddress From,
    string SubjectTemplate,
    int? MaxMessageSize) : IMailSettings
{
    /// <summary>The From address when the feed sets none: the messages are filed, not sent, so no one replies to it.</summary>
    public const string DefaultFrom = "taxii@localhost";

    public string Endpoint => Server.Endpoint;

    /// <summary>IMAP (143, STARTTLS or none) or IMAPS (993, implicit TLS).</summary>
    public static int DefaultPort(string security) => security == MailServer.Tls ? 993 : 143;

    /// <summary>A folder path as the server spells it (its own hierarchy separator), one line, no wildcards.</summary>
    public static bool IsFolder(string? value) =>
        value is { Length: > 0 and <= 1000 } && value.Trim().Length == value.Length && !value.Any(c => char.IsControl(c) || c is '*' or '%');

    /// <summary>Without the password (see <see cref="MailServer.ToString"/>).</summary>
    public override string ToString() => $"{Server}, folder {Folder}";

    /// <exception cref="FeedDeliveryException">A setting is missing (the API refuses that, but the row may be old), or the password cannot be decrypted.</exception>
    internal static ImapSettings Read(OutgoingTransportSettings settings, FeedSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var server = MailServer.From(settings, secrets, "imap", DefaultPort);
        if (server.Username is null || server.Password is null)
        {
            throw new FeedDeliveryException("The feed has no IMAP login (transport.username, transport.password).");
        }

        if (!IsFolder(settings.Folder))
        {
            throw new FeedDeliveryException("The feed names no IMAP folder (transport.folder).");
        }

        return new ImapSettings(
            server,
            settings.Folder!,
            MailServer.TryParseAddress(settings.From, out var from) ? from : new MailboxAddress("", DefaultFrom),
            settings.SubjectTemplate ?? FeedMessages.DefaultSubject,
            settings.MaxMessageSize);
    }
}
