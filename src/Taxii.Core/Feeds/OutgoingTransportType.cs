namespace Taxii.Core.Feeds;

/// <summary>How an outgoing feed's packages reach their recipients.</summary>
public enum OutgoingTransportType
{
    /// <summary>Content of a local TAXII collection, polled by remote clients.</summary>
    TaxiiPoll,

    /// <summary>Pushed to a remote TAXII inbox service.</summary>
    TaxiiInbox,

    /// <summary>Kept per run and downloaded over the REST API.</summary>
    HttpDownload,

    /// <summary>Written as files into a whitelisted directory.</summary>
    MountPoint,

    /// <summary>Uploaded as files to a directory on an SFTP server.</summary>
    Sftp,

    /// <summary>Sent to a syslog server, one RFC 5424 message per item (CSV row or plain-text line).</summary>
    Syslog,

    /// <summary>Uploaded as files to a directory on an FTP server, plain or with explicit TLS (FTPS).</summary>
    Ftp,
    /// <summary>Sent by e-mail (SMTP), one message per package with the package attached.</summary>
    Email,

    /// <summary>Appended to a mailbox folder over IMAP, one message per package with the package attached.</summary>
    Imap,
}
