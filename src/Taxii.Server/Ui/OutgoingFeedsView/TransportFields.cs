using Taxii.Core.Feeds;
using Taxii.Server.Admin.OutgoingFeeds;

namespace Taxii.Server.Ui.OutgoingFeedsView;

/// <summary>
/// One transport's settings as its fieldset posts them. Every transport has its own, so that without JavaScript all
/// fieldsets can be shown at once and only the chosen one is read. Secrets are never filled in: blank keeps the stored one,
/// and a ticked "remove" box sends "", which the REST API takes as "remove the stored one".
/// </summary>
internal sealed class TransportFields
{
    public string? CollectionName { get; set; }

    public string? InboxUrl { get; set; }

    public string? DestinationCollection { get; set; }

    public string? TaxiiVersion { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? ClientCertificate { get; set; }

    public string? ClientCertificatePassword { get; set; }

    public bool VerifyTls { get; set; } = true;

    public string? Directory { get; set; }

    public string? Host { get; set; }

    public int? Port { get; set; }

    public string? PrivateKey { get; set; }

    public string? HostKeyFingerprint { get; set; }

    public string? RemoteDirectory { get; set; }

    public string? SyslogProtocol { get; set; }

    public int? Facility { get; set; }

    public int? Severity { get; set; }

    public int? MaxMessageSize { get; set; }

    public string? TlsMode { get; set; }

    public string? Security { get; set; }

    public string? CertificateFingerprint { get; set; }

    public string? From { get; set; }

    /// <summary>One address a line.</summary>
    public string? Recipients { get; set; }

    public string? SubjectTemplate { get; set; }

    public string? Folder { get; set; }

    /// <summary>Remove the stored password (sent as "").</summary>
    public bool RemovePassword { get; set; }

    /// <summary>Remove the stored client certificate (sent as "").</summary>
    public bool RemoveClientCertificate { get; set; }

    /// <summary>Remove the stored private key (sent as "").</summary>
    public bool RemovePrivateKey { get; set; }

    public static TransportFields Of(OutgoingTransportDto t) => new()
    {
        CollectionName = t.CollectionName,
        InboxUrl = t.InboxUrl,
        DestinationCollection = t.DestinationCollection,
        TaxiiVersion = t.TaxiiVersion,
        Username = t.Username,
        VerifyTls = t.VerifyTls,
        Directory = t.Directory,
        Host = t.Host,
        Port = t.Port,
        HostKeyFingerprint = t.HostKeyFingerprint,
        RemoteDirectory = t.RemoteDirectory,
        SyslogProtocol = t.SyslogProtocol,
        Facility = t.Facility,
        Severity = t.Severity,
        MaxMessageSize = t.MaxMessageSize,
        TlsMode = t.TlsMode,
        Security = t.Security,
        CertificateFingerprint = t.CertificateFingerprint,
        From = t.From,
        Recipients = string.Join('\n', t.Recipients),
        SubjectTemplate = t.SubjectTemplate,
        Folder = t.Folder,
    };

    /// <summary>
    /// The API's transport request; a blank secret is left out (null), which keeps the stored one, and a secret whose
    /// "remove" box is ticked is sent as "", which removes it.
    /// </summary>
    public OutgoingTransportRequest ToRequest(OutgoingTransportType type) => new(
        type, CollectionName, InboxUrl, DestinationCollection, TaxiiVersion, Username, Secret(Password, RemovePassword), Secret(ClientCertificate, RemoveClientCertificate),
        Blank(ClientCertificatePassword), VerifyTls, Directory, Host, Port, Secret(PrivateKey, RemovePrivateKey), HostKeyFingerprint, RemoteDirectory,
        SyslogProtocol, Facility, Severity, MaxMessageSize, TlsMode, Security, CertificateFingerprint, From,
        Recipients is null ? null : [.. Recipients.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        SubjectTemplate, Folder);

    private static string? Blank(string? secret) => string.IsNullOrEmpty(secret) ? null : secret;

    private static string? Secret(string? secret, bool remove) => remove ? string.Empty : Blank(secret);
}
