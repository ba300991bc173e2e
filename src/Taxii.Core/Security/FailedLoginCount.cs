namespace Taxii.Core.Security;

/// <summary>
/// Failed logins counted under one key (a client address, or a user name at a client address) in a fixed window that
/// starts with the first failure. Kept in the database so that every host on it applies the same limits.
/// </summary>
public sealed class FailedLoginCount
{
    public const int KeyLength = 300;

    /// <summary>What is counted: <c>a {address}</c> or <c>u {address} {USER NAME}</c>, at most <see cref="KeyLength"/> characters.</summary>
    public required string Key { get; set; }

    /// <summary>When the first failure of the current window happened.</summary>
    public DateTimeOffset WindowStart { get; set; }

    public int Failures { get; set; }
}
