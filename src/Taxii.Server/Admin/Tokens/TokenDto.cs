namespace Taxii.Server.Admin.Tokens;

/// <summary>A token as listed: never its secret.</summary>
public sealed record TokenDto(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
