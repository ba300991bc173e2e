using System.Security.Claims;
using Taxii.Core.Security;

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

    private static async Task<IResult> ListAsync(int id, CertificateOperations certificates, CancellationToken cancellationToken) =>
        await certificates.ListAsync(id, cancellationToken) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<IResult> AddAsync(int id, AddCertificateRequest body, ClaimsPrincipal caller, CertificateOperations certificates, CancellationToken cancellationToken)
    {
        var change = await certificates.AddAsync(id, body, caller, cancellationToken);
        return change.Value is { } added ? TypedResults.Created($"/api/v1/users/{id}/certificates/{added.Id}", added) : change.ToResult();
    }

    private static async Task<IResult> RemoveAsync(int id, int certificateId, ClaimsPrincipal caller, CertificateOperations certificates, CancellationToken cancellationToken) =>
        await certificates.RemoveAsync(id, certificateId, caller, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
