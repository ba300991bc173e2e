using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Auth;

namespace Taxii.Server.Admin.Users;

/// <summary>
/// A user's TLS client certificates: the rules behind both <c>/api/v1/users/{id}/certificates</c> and the web UI's
/// certificates page (one certificate in PEM, only an administrator adds one to an administrator, a certificate is
/// registered once), with the same messages and audit entries.
/// </summary>
internal sealed class CertificateOperations(TaxiiDbContext db, TimeProvider time)
{
    public const string InvalidPem = "pem must hold one X.509 certificate in PEM (-----BEGIN CERTIFICATE-----)";

    /// <summary>The user's certificates by id; null when there is no such user.</summary>
    public async Task<List<CertificateDto>?> ListAsync(int id, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
        {
            return null;
        }

        return await db.UserCertificates.AsNoTracking().Where(c => c.UserId == id).OrderBy(c => c.Id)
            .Select(c => new CertificateDto(c.Id, c.Thumbprint, c.Subject, c.NotBefore, c.NotAfter, c.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<AccessChange<CertificateDto>> AddAsync(int id, AddCertificateRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return AccessChange<CertificateDto>.NotFound;
        }

        if (user.IsAdmin && !caller.HasClaim(TaxiiClaims.Admin, "true"))
        {
            return AccessChange<CertificateDto>.Refused("Only an administrator may add a way to log in as an administrator.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(body.Pem ?? string.Empty);
        }
        catch (CryptographicException)
        {
            return AccessChange<CertificateDto>.Failed(new Validation().Check(false, "pem", InvalidPem));
        }

        using (certificate)
        {
            var stored = new UserCertificate
            {
                UserId = id,
                Thumbprint = ClientCertificates.Thumbprint(certificate),
                Subject = certificate.Subject,
                NotBefore = certificate.NotBefore.ToUniversalTime(),
                NotAfter = certificate.NotAfter.ToUniversalTime(),
                CreatedAt = time.GetUtcNow(),
            };
            db.UserCertificates.Add(stored);
            if (!await AuditLog.SaveNewAsync(db, caller, time, () => $"users/{id}/certificates/{stored.Id}", $"thumbprint={stored.Thumbprint}; subject={stored.Subject}", cancellationToken))
            {
                return AccessChange<CertificateDto>.Conflicting("That certificate is already registered.");
            }

            return AccessChange<CertificateDto>.Done(new CertificateDto(stored.Id, stored.Thumbprint, stored.Subject, stored.NotBefore, stored.NotAfter, stored.CreatedAt));
        }
    }

    /// <summary>Removes one of the user's certificates; false when the user has no such certificate.</summary>
    public async Task<bool> RemoveAsync(int id, int certificateId, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var certificate = await db.UserCertificates.SingleOrDefaultAsync(c => c.Id == certificateId && c.UserId == id, cancellationToken);
        if (certificate is null)
        {
            return false;
        }

        db.UserCertificates.Remove(certificate);
        AuditLog.Record(db, caller, time, "delete", $"users/{id}/certificates/{certificateId}", $"thumbprint={certificate.Thumbprint}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
