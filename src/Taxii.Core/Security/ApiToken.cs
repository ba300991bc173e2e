namespace Taxii.Core.Security;

/// <summary>
/// A personal API token: its owner authenticates with it instead of a password. Only a SHA-256 hash of the secret is
/// kept; the secret is shown once, when it is made.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }

    public int UserId { get; set; }

    public User? User { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, to tell tokens apart in lists; not enough to use it.</summary>
    public required string Prefix { get; set; }

    public required byte[] SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
