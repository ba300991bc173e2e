using MimeKit;
using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;

namespace Taxii.Feeds.Transports.Email;

/// <summary>An e-mail feed's settings, out of <see cref="OutgoingTransportSettings"/> with the password decrypted.</summary>
public sealed record EmailSettings(
    MailServer Server,
    MailboxAddress From,
    IReadOnlyList<MailboxAddress> Recipients,
    string SubjectTemplate,
    int? MaxMessageSize) : IMailSettings
{
    /// <summary>More would be a mailing list, which belongs on the mail server.</summary>
    public const int MaxRecipients = 100;

    public string Endpoint => Server.Endpoint;

    /// <summary>Submission (587) for STARTTLS, submissions (465, RFC 8314) for implicit TLS, 25 without either.</summary>
    public static int DefaultPort(string security) => security switch
    {
        MailServer.Tls => 465,
        MailServer.StartTls => 587,
        _ => 25,
    };

    /// <summary>Without the password (see <see cref="MailServer.ToString"/>).</summary>
    public override string ToString() => $"{Server} from {From} to {Recipients.Count} recipients";

    /// <exception cref="FeedDeliveryException">A setting is missing or unusable (the API refuses that, but the row may be old), or the password cannot be decrypted.</exception>
    internal static EmailSettings Read(OutgoingTransportSettings settings, FeedSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var server = MailServer.From(settings, secrets, "smtp", DefaultPort);
        if (!MailServer.TryParseAddress(settings.From, out var from))
        {
            throw new FeedDeliveryException("The feed has no usable From address (transport.from).");
        }

        var recipients = new List<MailboxAddress>();
        foreach (var recipient in settings.Recipients ?? [])
        {
            recipients.Add(MailServer.TryParseAddress(recipient, out var address)
                ? address
                : throw new FeedDeliveryException("The feed has an unusable recipient address (transport.recipients)."));
        }

        return recipients.Count == 0
            ? throw new FeedDeliveryException("The feed has no recipients (transport.recipients).")
            : new EmailSettings(server, from, recipients, settings.SubjectTemplate ?? FeedMessages.DefaultSubject, settings.MaxMessageSize);
    }
}
