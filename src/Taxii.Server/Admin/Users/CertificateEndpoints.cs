using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Auth;

namespace Taxii.Server.Admin.Users;

/// <summary>
/// <c>/api/v1/users/{id}/certificates</c>: TLS client certificates that authenticate a user (for TAXII clients and
/// peers that use certificates instead of passwords). Permissions <c>read users</c> and <c>modify users</c>.
/// </summary>
internal static class CertificateEndpoints
{
    public static void MapCertificates(this RouteGroupBuilder users)
    {
        users.MapGet("/{id:int}/certificates", ListAsync).WithName("ListUserCertificates").RequireAuthorization(Permissions.ReadUsers)
            .Produces<IReadOnlyList<CertificateDto>>();
        users.MapPost("/{id:int}/certificates", AddAsync).WithName("AddUserCertificate").RequireAuthorization(Permissions.ModifyUsers)
            .Produces<CertificateDto>(StatusCodes.Status201Created);
        users.MapDelete("/{id:int}/certificates/{certificateId:int}", RemoveAsync).WithName("RemoveUserCertificate").RequireAuthorization(Permissions.ModifyUsers);
    }

    private static async Task<IResult> ListAsync(int id, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.UserCertificates.AsNoTracking().Where(c => c.UserId == id).OrderBy(c => c.Id)
            .Select(c => new CertificateDto(c.Id, c.Thumbprint, c.Subject, c.NotBefore, c.NotAfter, c.CreatedAt))
            .ToListAsync(cancellationToken));
    }

    private static async Task<IResult> AddAsync(int id, AddCertificateRequest body, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        if (user.IsAdmin && !caller.HasClaim(TaxiiClaims.Admin, "true"))
        {
            return TypedResults.Problem("Only an administrator may add a way to log in as an administrator.", statusCode: StatusCodes.Status403Forbidden);
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(body.Pem ?? string.Empty);
        }
        catch (CryptographicException)
        {
            return Validation.Problem(new() { ["pem"] = ["pem must hold one X.509 certificate in PEM (-----BEGIN CERTIFICATE-----)"] });
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
                return Conflicts.Problem("That certificate is already registered.");
            }

            return TypedResults.Created($"/api/v1/users/{id}/certificates/{stored.Id}",
                new CertificateDto(stored.Id, stored.Thumbprint, stored.Subject, stored.NotBefore, stored.NotAfter, stored.CreatedAt));
        }
    }

    private static async Task<IResult> RemoveAsync(int id, int certificateId, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var certificate = await db.UserCertificates.SingleOrDefaultAsync(c => c.Id == certificateId && c.UserId == id, cancellationToken);
        if (certificate is null)
        {
            return TypedResults.NotFound();
        }

        db.UserCertificates.Remove(certificate);
        AuditLog.Record(db, caller, time, "delete", $"users/{id}/certificates/{certificateId}", $"thumbprint={certificate.Thumbprint}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
