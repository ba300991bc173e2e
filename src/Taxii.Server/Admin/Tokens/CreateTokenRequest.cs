namespace Taxii.Server.Admin.Tokens;

/// <summary>A personal API token; without an expiry it lasts until revoked.</summary>
[OpenApiExample(@"{""name"":""feed setup script"",""expiresAt"":""2027-12-31T00:00:00Z""}")]
public sealed record CreateTokenRequest(string Name, DateTimeOffset? ExpiresAt);
