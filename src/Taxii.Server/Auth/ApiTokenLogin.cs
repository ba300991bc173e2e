namespace Taxii.Server.Auth;

/// <summary>An active API token and its user's login, as <see cref="ApiTokenAuthenticationHandler"/> keeps it.</summary>
internal sealed class ApiTokenLogin(int tokenId, DateTimeOffset? expiresAt, DateTimeOffset? lastUsedAt, Login login)
{
    private long _lastUsedTicks = lastUsedAt?.UtcTicks ?? 0;

    public int TokenId { get; } = tokenId;

    public DateTimeOffset? ExpiresAt { get; } = expiresAt;

    public Login Login { get; } = login;

    /// <summary>
    /// Whether this use should be written as the token's last: when the last one written is older than
    /// <paramref name="resolution"/>. One request of many arriving together wins.
    /// </summary>
    public bool TakeLastUse(DateTimeOffset now, TimeSpan resolution)
    {
        var last = Interlocked.Read(ref _lastUsedTicks);
        return now.UtcTicks - last > resolution.Ticks && Interlocked.CompareExchange(ref _lastUsedTicks, now.UtcTicks, last) == last;
    }
}
