using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Core.Security;
using Taxii.Feeds.Secrets;
using Taxii.Feeds.Subscriptions;
using Taxii.Persistence;

namespace Taxii.Server.Admin.PushCredentials;

/// <summary>
/// <c>/api/v1/push-credentials</c>: what subscription pushes present to the inboxes under an address prefix.
/// Permissions <c>read taxii-services</c> and <c>modify taxii-services</c>. Pushes look their credentials up at every
/// push, so a change applies to the next push; subscriptions are not linked to credentials, so deleting them leaves the
/// subscriptions as they are (their pushes go with the next longest prefix's credentials, or none).
/// </summary>
internal static class PushCredentialEndpoints
{
    public static void MapPushCredentials(this IEndpointRouteBuilder api)
    {
        var credentials = api.MapGroup("/push-credentials").WithTags("Push credentials");
        credentials.MapGet("/", ListAsync).WithName("ListPushCredentials").RequireAuthorization(Permissions.ReadTaxiiServices).Produces<Page<PushCredentialDto>>();
        credentials.MapGet("/{id:int}", GetAsync).WithName("GetPushCredential").RequireAuthorization(Permissions.ReadTaxiiServices);
        credentials.MapPost("/", CreateAsync).WithName("CreatePushCredential").RequireAuthorization(Permissions.ModifyTaxiiServices)
            .Produces<PushCredentialDto>(StatusCodes.Status201Created);
        credentials.MapPut("/{id:int}", UpdateAsync).WithName("UpdatePushCredential").RequireAuthorization(Permissions.ModifyTaxiiServices).Produces<PushCredentialDto>();
        credentials.MapDelete("/{id:int}", DeleteAsync).WithName("DeletePushCredential").RequireAuthorization(Permissions.ModifyTaxiiServices);
    }

    private static async Task<IResult> ListAsync(TaxiiDbContext db, int? after, int? limit, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        var fetched = await db.PushCredentials.AsNoTracking().Where(c => c.Id > (after ?? 0)).OrderBy(c => c.Id)
            .Take(Paging.Limit(limit) + 1).Select(PushCredentialDto.Projection).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(fetched, Paging.Limit(limit), c => c.Id));
    }

    private static async Task<Results<Ok<PushCredentialDto>, NotFound>> GetAsync(int id, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var credential = await Find(db, id, cancellationToken);
        return credential is null ? TypedResults.NotFound() : TypedResults.Ok(credential);
    }

    private static async Task<IResult> CreateAsync(
        PushCredentialRequest body, ClaimsPrincipal caller, TaxiiDbContext db, FeedSecrets secrets, PushDestinations destinations, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var credential = new PushCredential { AddressPrefix = string.Empty, CreatedAt = now };
        var validation = PushCredentialSettings.Apply(credential, body, secrets, destinations, now);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        db.PushCredentials.Add(credential);
        if (!await AuditLog.SaveNewAsync(db, caller, time, () => $"push-credentials/{credential.Id}", PushCredentialSettings.Describe(credential, body), cancellationToken))
        {
            return Conflict(credential);
        }

        return TypedResults.CreatedAtRoute(await Find(db, credential.Id, cancellationToken), "GetPushCredential", new { id = credential.Id });
    }

    private static async Task<IResult> UpdateAsync(
        int id, PushCredentialRequest body, ClaimsPrincipal caller, TaxiiDbContext db, FeedSecrets secrets, PushDestinations destinations, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var credential = await db.PushCredentials.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (credential is null)
        {
            return TypedResults.NotFound();
        }

        var validation = PushCredentialSettings.Apply(credential, body, secrets, destinations, time.GetUtcNow());
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (!await AuditLog.SaveChangeAsync(db, caller, time, "update", $"push-credentials/{id}", PushCredentialSettings.Describe(credential, body), cancellationToken))
        {
            return Conflict(credential);
        }

        return TypedResults.Ok(await Find(db, id, cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var credential = await db.PushCredentials.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (credential is null)
        {
            return TypedResults.NotFound();
        }

        db.PushCredentials.Remove(credential);
        AuditLog.Record(db, caller, time, "delete", $"push-credentials/{id}", $"prefix={credential.AddressPrefix}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static IResult Conflict(PushCredential credential) =>
        Conflicts.Problem($"Push credentials for '{credential.AddressPrefix}' exist already: change those instead.");

    private static Task<PushCredentialDto?> Find(TaxiiDbContext db, int id, CancellationToken cancellationToken) =>
        db.PushCredentials.AsNoTracking().Where(c => c.Id == id).Select(PushCredentialDto.Projection).SingleOrDefaultAsync(cancellationToken);
}
