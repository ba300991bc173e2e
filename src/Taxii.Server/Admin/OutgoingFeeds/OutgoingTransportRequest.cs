using Taxii.Core.Feeds;

namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>
/// A feed's transport and the settings of that type. <c>taxii-poll</c>: <c>collectionName</c> (made when it does not
/// exist). <c>taxii-inbox</c>: <c>inboxUrl</c>, <c>destinationCollection</c>, <c>taxiiVersion</c> ("1.1" or "1.0"),
/// <c>username</c>/<c>password</c>, <c>clientCertificate</c> (base64 PKCS#12) with <c>clientCertificatePassword</c>,
/// <c>verifyTls</c>. <c>mount-point</c>: <c>directory</c>. <c>sftp</c>: <c>host</c>, <c>port</c> (22), <c>username</c>,
/// <c>password</c> and/or <c>privateKey</c> (OpenSSH or PEM, unencrypted), <c>hostKeyFingerprint</c> (<c>SHA256:…</c>),
/// <c>remoteDirectory</c>. <c>syslog</c>: <c>host</c>, <c>port</c>, <c>syslogProtocol</c> ("udp", "tcp" or "tls"),
/// <c>facility</c>, <c>severity</c>, <c>maxMessageSize</c>, <c>verifyTls</c>. <c>ftp</c>: <c>host</c>, <c>port</c> (21),
/// <c>username</c>, <c>password</c>, <c>remoteDirectory</c>, <c>tlsMode</c> ("explicit", the default, or "none"),
/// <c>certificateFingerprint</c> (SHA-256, hex).
/// <c>email</c>: <c>host</c>, <c>port</c>,
/// <c>security</c> ("none", "starttls" or "tls"), <c>verifyTls</c>, <c>certificateFingerprint</c>, <c>username</c>/<c>password</c>,
/// <c>from</c>, <c>recipients</c>, <c>subjectTemplate</c>, <c>maxMessageSize</c>. <c>imap</c>: the same server and login
/// settings, <c>folder</c>, <c>from</c>, <c>subjectTemplate</c>, <c>maxMessageSize</c>. <c>http-download</c>: none. Secrets are write-only: on
/// update, leave them out (null) to keep the stored ones, or send "" to remove them.
/// </summary>
public sealed record OutgoingTransportRequest(
    OutgoingTransportType Type,
    string? CollectionName = null,
    string? InboxUrl = null,
    string? DestinationCollection = null,
    string? TaxiiVersion = null,
    string? Username = null,
    string? Password = null,
    string? ClientCertificate = null,
    string? ClientCertificatePassword = null,
    bool VerifyTls = true,
    string? Directory = null,
    string? Host = null,
    int? Port = null,
    string? PrivateKey = null,
    string? HostKeyFingerprint = null,
    string? RemoteDirectory = null,
    string? SyslogProtocol = null,
    int? Facility = null,
    int? Severity = null,
    int? MaxMessageSize = null,
    string? TlsMode = null,
    string? Security = null,
    string? CertificateFingerprint = null,
    string? From = null,
    IReadOnlyList<string>? Recipients = null,
    string? SubjectTemplate = null,
    string? Folder = null);
