using Taxii.Core.Feeds;

namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>
/// An incoming feed's transport and its settings. <c>taxii-poll</c>: <c>pollUrl</c> (or a discovery service's URL with
/// <c>isDiscoveryUrl</c>), <c>collectionName</c>, <c>taxiiVersion</c> ("1.1" or "1.0"), <c>username</c>/<c>password</c>,
/// <c>clientCertificate</c> (base64 PKCS#12) with <c>clientCertificatePassword</c>, <c>verifyTls</c>, <c>initialBegin</c>
/// (where the first poll starts). <c>taxii-inbox</c>: <c>collectionName</c>, the local collection whose inbox content
/// the feed takes. <c>mount-point</c>: <c>directory</c>, <c>filePattern</c> (e.g. <c>*.xml</c>), <c>recursive</c>.
/// <c>manual-upload</c>: none. Secrets are write-only: leave them out to keep them, send "" to remove them.
/// </summary>
public sealed record IncomingTransportRequest(
    IncomingTransportType Type,
    string? PollUrl = null,
    bool IsDiscoveryUrl = false,
    string? CollectionName = null,
    string? TaxiiVersion = null,
    string? Username = null,
    string? Password = null,
    string? ClientCertificate = null,
    string? ClientCertificatePassword = null,
    bool VerifyTls = true,
    DateTimeOffset? InitialBegin = null,
    string? Directory = null,
    string? FilePattern = null,
    bool Recursive = false);
