using System.Globalization;
using System.Security.Claims;
using Taxii.Server.Auth;

namespace Taxii.Server.Taxii;

/// <summary>Who sent a TAXII request: an authenticated user (maybe an administrator) or anonymous.</summary>
internal sealed record TaxiiCaller(int? UserId, bool IsAdmin)
{
    public static TaxiiCaller Anonymous { get; } = new(null, false);

    public bool IsAuthenticated => UserId is not null;

    public static TaxiiCaller From(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && int.TryParse(user.FindFirstValue(TaxiiClaims.UserId), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new TaxiiCaller(id, user.HasClaim(TaxiiClaims.Admin, "true"))
            : Anonymous;
}
