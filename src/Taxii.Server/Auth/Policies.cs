namespace Taxii.Server.Auth;

internal static class Policies
{
    /// <summary>An authenticated, active administrator.</summary>
    public const string Admin = "admin";
}
