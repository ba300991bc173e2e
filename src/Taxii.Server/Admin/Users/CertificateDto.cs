namespace Taxii.Server.Admin.Users;

/// <summary>A registered client certificate: its SHA-256 thumbprint, subject and validity.</summary>
public sealed record CertificateDto(int Id, string Thumbprint, string Subject, DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset CreatedAt);
