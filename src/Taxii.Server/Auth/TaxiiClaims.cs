namespace Taxii.Server.Auth;

internal static class TaxiiClaims
{
    public const string UserId = "taxii:user_id";
    public const string Admin = "taxii:admin";
    public const string Permission = "taxii:permission";
}
