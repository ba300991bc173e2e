using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;
using Taxii.Feeds.Transports.Email;
using Taxii.Feeds.Transports.Imap;

namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>The checks and stored settings of the e-mail (SMTP) and IMAP transports, which share their server settings.</summary>
internal static class MailSettingChecks
{
    /// <summary>Smallest maxMessageSize: below this not even the headers and an empty package fit.</summary>
    public const int MinMessageSize = 1024;

    public static void CheckEmail(Validation validation, OutgoingTransportRequest t, OutgoingTransportSettings? stored)
    {
        CheckServer(validation, t, "25, 587 with starttls or 465 with tls");
        validation.Check(string.IsNullOrEmpty(t.Password) || !string.IsNullOrEmpty(t.Username), "transport.password", "a password needs a username");
        validation.Require("transport.from", t.From, 254)
            .Check(t.From is null || MailServer.TryParseAddress(t.From, out _), "transport.from", "from is one e-mail address, such as feeds@example.org");
        var recipients = t.Recipients ?? [];
        validation.Check(recipients.Count is > 0 and <= EmailSettings.MaxRecipients, "transport.recipients",
            $"recipients is a list of 1 to {EmailSettings.MaxRecipients} e-mail addresses");
        foreach (var (recipient, index) in recipients.Select((r, i) => (r, i)))
        {
            validation.Check(MailServer.TryParseAddress(recipient, out _), "transport.recipients",
                $"recipient {index + 1} is not an e-mail address (one address each, such as soc@example.org)");
        }
    }

    public static void CheckImap(Validation validation, OutgoingTransportRequest t, OutgoingTransportSettings? stored)
    {
        CheckServer(validation, t, "143, or 993 with tls");
        validation.Require("transport.username", t.Username, 200);
        var hasPassword = t.Password is null ? stored?.ProtectedPassword is not null : t.Password.Length > 0;
        validation.Check(hasPassword, "transport.password", "password is required to log in to the IMAP server")
            .Require("transport.folder", t.Folder, 1000)
            .Check(t.Folder is null || ImapSettings.IsFolder(t.Folder), "transport.folder",
                "folder is the path of an existing mailbox folder as the server spells it (e.g. \"INBOX/Feeds\"), without * or %")
            .Check(t.From is null || MailServer.TryParseAddress(t.From, out _), "transport.from", "from is one e-mail address, such as feeds@example.org");
    }

    public static OutgoingTransportSettings Settings(OutgoingTransportRequest t, OutgoingTransportSettings stored, FeedSecrets secrets) => new()
    {
        Host = t.Host!.Trim(),
        Port = t.Port,
        Security = t.Security ?? MailServer.StartTls,
        VerifyTls = t.VerifyTls,
        CertificateFingerprint = MailServer.TryParseFingerprint(t.CertificateFingerprint, out var fingerprint) ? fingerprint : null,
        Username = string.IsNullOrEmpty(t.Username) ? null : t.Username,
        ProtectedPassword = FeedSettingChecks.Secret(secrets, t.Password, stored.ProtectedPassword),
        From = MailServer.TryParseAddress(t.From, out var from) ? from.Address : null,
        Recipients = t.Type == OutgoingTransportType.Email
            ? [.. (t.Recipients ?? []).Select(r => MailServer.TryParseAddress(r, out var address) ? address.Address : r.Trim())]
            : null,
        SubjectTemplate = t.SubjectTemplate,
        MaxMessageSize = t.MaxMessageSize,
        Folder = t.Type == OutgoingTransportType.Imap ? t.Folder : null,
    };

    private static void CheckServer(Validation validation, OutgoingTransportRequest t, string defaultPorts) =>
        validation.Require("transport.host", t.Host, 253)
            .Check(t.Host is null || Uri.CheckHostName(t.Host.Trim()) != UriHostNameType.Unknown, "transport.host", "host is a host name or an IP address")
            .Check(t.Port is null or (>= 1 and <= 65535), "transport.port", $"port is 1 to 65535 ({defaultPorts} when left out)")
            .Check(t.Security is null || MailServer.IsSecurity(t.Security), "transport.security",
                "security is \"starttls\" (the default), \"tls\" (implicit TLS from the first byte) or \"none\"")
            .Check(t.CertificateFingerprint is null || MailServer.TryParseFingerprint(t.CertificateFingerprint, out _), "transport.certificateFingerprint",
                "certificateFingerprint is the server certificate's SHA-256 fingerprint: 64 hex digits, in pairs with colons or not, as openssl x509 -noout -fingerprint -sha256 prints it")
            .Check(t.CertificateFingerprint is null || t.Security != MailServer.None, "transport.certificateFingerprint",
                "a pinned certificate needs security \"starttls\" or \"tls\"")
            .MaxLength("transport.username", t.Username, 200)
            .Check(t.SubjectTemplate is null || FeedMessages.IsSubjectTemplate(t.SubjectTemplate), "transport.subjectTemplate",
                $"subjectTemplate is one line of at most {FeedMessages.MaxSubjectLength} characters; its placeholders are {string.Join(", ", FeedMessages.Placeholders)} "
                + $"(\"{FeedMessages.DefaultSubject}\" when left out)")
            .Check(t.MaxMessageSize is null or >= MinMessageSize, "transport.maxMessageSize",
                $"maxMessageSize is at least {MinMessageSize} bytes (the message, base64-encoded package and headers; no limit but the server's when left out)");
}
