namespace Taxii.Feeds;

/// <summary>How to reach a feed's remote TAXII service; <paramref name="What"/> names it in errors ("inbox", "poll").</summary>
internal sealed record PeerSettings(
    string What,
    string? Url,
    string? TaxiiVersion,
    string? Username,
    string? ProtectedPassword,
    string? ProtectedClientCertificate,
    bool VerifyTls);
