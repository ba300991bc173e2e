using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Taxii.Persistence;

namespace Taxii.Server.Auth;

/// <summary>
/// A TLS client certificate registered to an active user (pinned by its SHA-256) authenticates that user. TLS has
/// already proven the client holds the private key; an unregistered, expired or not yet valid certificate fails.
/// </summary>
internal sealed class CertificateAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TaxiiDbContext db,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Certificate";

    public static string Thumbprint(X509Certificate2 certificate) => Convert.ToHexString(SHA256.HashData(certificate.RawData));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var certificate = Context.Connection.ClientCertificate;
        if (certificate is null)
        {
            return AuthenticateResult.NoResult();
        }

        var now = time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return AuthenticateResult.Fail("Client certificate outside its validity period");
        }

        var thumbprint = Thumbprint(certificate);
        var user = await db.UserCertificates.AsNoTracking()
            .Where(c => c.Thumbprint == thumbprint && c.User!.IsActive)
            .Select(c => c.User!)
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail("Unknown client certificate");
        }

        var login = await Logins.LoadAsync(db, user, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(Logins.Principal(login, SchemeName), SchemeName));
    }
}
