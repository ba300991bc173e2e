using Taxii.Core.Feeds;

namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>A feed's transport as the API shows it: secrets only as whether they are set.</summary>
public sealed record OutgoingTransportDto(
    OutgoingTransportType Type,
    string? CollectionName,
    string? InboxUrl,
    string? DestinationCollection,
    string? TaxiiVersion,
    string? Username,
    bool HasPassword,
    bool HasClientCertificate,
    bool VerifyTls,
    string? Directory,
    string? Host,
    int? Port,
    bool HasPrivateKey,
    string? HostKeyFingerprint,
    string? RemoteDirectory,
    string? SyslogProtocol,
    int? Facility,
    int? Severity,
    int? MaxMessageSize,
    string? TlsMode,
    string? Security,
    string? CertificateFingerprint,
    string? From,
    IReadOnlyList<string> Recipients,
    string? SubjectTemplate,
    string? Folder)
{
    public static OutgoingTransportDto Of(OutgoingTransportType type, OutgoingTransportSettings t) => new(
        type, t.CollectionName, t.InboxUrl, t.DestinationCollection, t.TaxiiVersion, t.Username,
        t.ProtectedPassword is not null, t.ProtectedClientCertificate is not null, t.VerifyTls, t.Directory,
        t.Host, t.Port, t.ProtectedPrivateKey is not null, t.HostKeyFingerprint, t.RemoteDirectory,
        t.SyslogProtocol, t.Facility, t.Severity, t.MaxMessageSize,
        t.TlsMode, t.Security, t.CertificateFingerprint, t.From, t.Recipients ?? [], t.SubjectTemplate, t.Folder);
}
