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
/// this host trusts; the pin is checked in its <c>OnCertificateValidated</c> event, on every request (no validation
/// cache), so a registration removed or a user deactivated applies at once. An unregistered certificate authenticates
/// no one.
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
        var db = context.HttpContext.RequestServices.GetRequiredService<TaxiiDbContext>();
        var thumbprint = Thumbprint(context.ClientCertificate);
        var user = await db.UserCertificates.AsNoTracking()
            .Where(c => c.Thumbprint == thumbprint && c.User!.IsActive)
            .Select(c => c.User!)
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.Fail("Unknown client certificate");
            return;
        }

        var login = await Logins.LoadAsync(db, user, context.HttpContext.RequestAborted);
        context.Principal = Logins.Principal(login, SchemeName);
        context.Success();
    }
}
