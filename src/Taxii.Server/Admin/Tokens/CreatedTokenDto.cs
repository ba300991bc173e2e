namespace Taxii.Server.Admin.Tokens;

/// <summary>A new token with its secret, shown this once: send it as <c>Authorization: Bearer {Token}</c>.</summary>
public sealed record CreatedTokenDto(int Id, string Name, string Token, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
