namespace Taxii.Server.Auth;

/// <summary>What <see cref="PasswordLogins.VerifyAsync"/> found: a login, a refusal for too many failures, or neither (invalid).</summary>
internal sealed record PasswordLoginResult(Login? Login, LoginThrottled? Throttled)
{
    public static PasswordLoginResult Invalid { get; } = new(null, null);

    /// <summary>Names the stored password hash without revealing it (see <see cref="Logins.PasswordStamp"/>).</summary>
    public string? PasswordStamp { get; init; }
}
