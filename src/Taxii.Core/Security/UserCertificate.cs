namespace Taxii.Core.Security;

/// <summary>
/// A TLS client certificate that authenticates its user: pinned by the SHA-256 of the certificate, so a self-signed
/// certificate a partner sends works as well as one from a CA, and nothing but this exact certificate matches.
/// </summary>
public sealed class UserCertificate
{
    public int Id { get; set; }

    public int UserId { get; set; }

    public User? User { get; set; }

    /// <summary>Upper-case hex SHA-256 of the DER-encoded certificate.</summary>
    public required string Thumbprint { get; set; }

    public required string Subject { get; set; }

    public DateTimeOffset NotBefore { get; set; }

    public DateTimeOffset NotAfter { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
