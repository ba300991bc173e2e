namespace Taxii.Core.Feeds;

/// <summary>The settings of an outgoing feed's transport; only those of its transport type are set.</summary>
public sealed class OutgoingTransportSettings
{
    /// <summary>TAXII poll: the local collection the packages become content of.</summary>
    public string? CollectionName { get; set; }

    /// <summary>TAXII inbox: the remote inbox service's URL.</summary>
    public string? InboxUrl { get; set; }

    /// <summary>TAXII inbox: the remote collection to deliver to (TAXII 1.1 Destination_Collection_Name).</summary>
    public string? DestinationCollection { get; set; }

    /// <summary>TAXII inbox: "1.1" or "1.0".</summary>
    public string? TaxiiVersion { get; set; }

    public string? Username { get; set; }

    /// <summary>The password, encrypted with ASP.NET Data Protection; never returned by the API.</summary>
    public string? ProtectedPassword { get; set; }

    /// <summary>A PKCS#12 client certificate with its private key, encrypted with ASP.NET Data Protection.</summary>
    public string? ProtectedClientCertificate { get; set; }

    /// <summary>Check the remote's TLS certificate; off only for test peers with self-signed certificates.</summary>
    public bool VerifyTls { get; set; } = true;

    /// <summary>Mount point: the directory files are written into, inside <c>Taxii:MountPoints:PushAllowedDirectories</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>SFTP, syslog: the server's host name or address.</summary>
    public string? Host { get; set; }

    /// <summary>SFTP, syslog: the server's port (SFTP 22; syslog 514, or 6514 over TLS, when not set).</summary>
    public int? Port { get; set; }

    /// <summary>SFTP: the server's host key as <c>SHA256:</c> and unpadded base64, as <c>ssh-keygen -l</c> prints it.</summary>
    public string? HostKeyFingerprint { get; set; }

    /// <summary>SFTP: an OpenSSH or PEM private key (unencrypted), encrypted with ASP.NET Data Protection.</summary>
    public string? ProtectedPrivateKey { get; set; }

    /// <summary>SFTP: the absolute remote directory files are published into.</summary>
    public string? RemoteDirectory { get; set; }

    /// <summary>Syslog: "udp", "tcp" (octet counting, RFC 6587) or "tls" (RFC 5425).</summary>
    public string? SyslogProtocol { get; set; }

    /// <summary>Syslog: the facility, 0 to 23 (RFC 5424 section 6.2.1).</summary>
    public int? Facility { get; set; }

    /// <summary>Syslog: the severity, 0 (emergency) to 7 (debug).</summary>
    public int? Severity { get; set; }

    /// <summary>
    /// Syslog: the longest message sent, header included, in bytes; a longer item fails its package unsent. E-mail, IMAP:
    /// the largest message (the package base64-encoded, with headers); a larger one fails its package unsent.
    /// </summary>
    public int? MaxMessageSize { get; set; }

    /// <summary>FTP: "none" or "explicit" (FTPS, <c>AUTH TLS</c>).</summary>
    public string? TlsMode { get; set; }

    /// <summary>E-mail, IMAP: "none", "starttls" or "tls" (implicit TLS from the first byte).</summary>
    public string? Security { get; set; }

    /// <summary>FTP, e-mail, IMAP: the server certificate's SHA-256 fingerprint, as colon-separated upper-case hex; any other certificate is refused (FTP: the system's trust decides when not set).</summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>E-mail, IMAP: the messages' From address.</summary>
    public string? From { get; set; }

    /// <summary>E-mail: the addresses each message is sent to (null in rows older than the e-mail transport).</summary>
    public List<string>? Recipients { get; set; }

    /// <summary>E-mail, IMAP: the subject, with <c>{feed}</c>, <c>{run}</c>, <c>{time}</c> and <c>{package}</c> filled in.</summary>
    public string? SubjectTemplate { get; set; }

    /// <summary>IMAP: the mailbox folder messages are appended to; it must exist.</summary>
    public string? Folder { get; set; }
}
