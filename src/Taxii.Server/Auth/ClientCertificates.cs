using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.EntityFrameworkCore;
using Taxii.Persistence;

namespace Taxii.Server.Auth;

/// <summary>
/// TLS client certificates, through <c>Microsoft.AspNetCore.Authentication.Certificate</c>: a certificate registered to
/// an active user (pinned by its SHA-256) authenticates that user; TLS has already proven the client holds the private
/// key. The package checks the validity period, and that a certificate other than a self-signed one chains to a root
/// this host trusts, on every request (no validation cache). The pin is checked in its <c>OnCertificateValidated</c>
/// event: the user a thumbprint belongs to, with its permissions, is kept like a basic-auth caller's
/// (<see cref="AccessCache{TKey,TValue}"/>: for <see cref="AuthOptions.CallerCacheLifetime"/>, and dropped by any change to
/// users, groups, roles or certificates), so a registration removed or a user deactivated applies to the next request
/// and a known certificate costs no database round trip. An unregistered certificate authenticates no one.
/// </summary>
internal static class ClientCertificates
{
    public const string SchemeName = CertificateAuthenticationDefaults.AuthenticationScheme;

    public static string Thumbprint(X509Certificate2 certificate) => Convert.ToHexString(SHA256.HashData(certificate.RawData));

    public static AuthenticationBuilder AddTaxiiClientCertificates(this AuthenticationBuilder builder) =>
        builder.AddCertificate(SchemeName, options =>
        {
            // self-signed ones included: trust comes from the pin, so a partner's own certificate works
            options.AllowedCertificateTypes = CertificateTypes.All;
            // the pin is the revocation: deleting the registration refuses the certificate at once, with no CRL to fetch
            options.RevocationMode = X509RevocationMode.NoCheck;
            // as before the package: a registered certificate is accepted whatever key usages it lists
            options.ValidateCertificateUse = false;
            options.ValidateValidityPeriod = true;
            options.Events = new CertificateAuthenticationEvents
            {
                OnCertificateValidated = AuthenticateRegisteredAsync,
                // the package forbids (403) by default, as a certificate cannot be asked for again; a caller whose
                // certificate authenticates no one is unauthenticated, like one with wrong credentials (401)
                OnChallenge = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
            };
        });

    private static async Task AuthenticateRegisteredAsync(CertificateValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var pin = new Pin(Thumbprint(context.ClientCertificate));
        var login = await services.GetRequiredService<AccessCache<Pin, Login?>>().GetOrLoadAsync(pin,
            () => FindAsync(services.GetRequiredService<TaxiiDbContext>(), pin, context.HttpContext.RequestAborted));
        if (login is not { } known)
        {
            context.Fail("Unknown client certificate");
            return;
        }

        context.Principal = Logins.Principal(known, SchemeName);
        context.Success();
    }

    /// <summary>The login of the active user <paramref name="pin"/> is registered to, or null.</summary>
    private static async Task<Login?> FindAsync(TaxiiDbContext db, Pin pin, CancellationToken cancellationToken)
    {
        var user = await db.UserCertificates.AsNoTracking()
            .Where(c => c.Thumbprint == pin.Thumbprint && c.User!.IsActive)
            .Select(c => c.User!)
            .SingleOrDefaultAsync(cancellationToken);
        return user is null ? null : await Logins.LoadAsync(db, user, cancellationToken);
    }

    /// <summary>A certificate's SHA-256 thumbprint, as the key of its cached login (apart from names and tokens).</summary>
    private readonly record struct Pin(string Thumbprint);
}
