using Taxii.Core.Feeds;

namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>An incoming feed's transport as the API shows it: secrets only as whether they are set.</summary>
public sealed record IncomingTransportDto(
    IncomingTransportType Type,
    string? PollUrl,
    bool IsDiscoveryUrl,
    string? CollectionName,
    string? TaxiiVersion,
    string? Username,
    bool HasPassword,
    bool HasClientCertificate,
    bool VerifyTls,
    DateTimeOffset? InitialBegin,
    string? Directory,
    string? FilePattern,
    bool Recursive)
{
    public static IncomingTransportDto From(IncomingTransportType type, IncomingTransportSettings t) => new(
        type, t.PollUrl, t.IsDiscoveryUrl, t.CollectionName, t.TaxiiVersion, t.Username, t.ProtectedPassword is not null,
        t.ProtectedClientCertificate is not null, t.VerifyTls, t.InitialBegin, t.Directory, t.FilePattern, t.Recursive);
}
