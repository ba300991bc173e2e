using Taxii.Core.Security;

namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>
/// <c>POST /api/v1/incoming-feeds/{id}/uploads</c>: a file ingested at once through the feed, recorded as a run of its own
/// (trigger <c>upload</c>). Permission <c>modify incoming-feeds</c>, for members of the feed's groups (administrators always).
/// The rules are in <see cref="IncomingFeedUploadOperations"/>, shared with the web UI.
/// </summary>
internal static class IncomingFeedUploadEndpoints
{
    public static void MapIncomingFeedUploads(this RouteGroupBuilder feeds)
    {
        feeds.MapPost("/{id:int}/uploads", UploadAsync).WithName("UploadToIncomingFeed").RequireAuthorization(Permissions.ModifyIncomingFeeds)
            .WithDescription(UploadedPackage.Description)
            .Produces<IncomingFeedRunDto>(StatusCodes.Status201Created).DisableAntiforgery();
    }

    private static async Task<IResult> UploadAsync(
        int id, string? contentType, HttpContext http, IncomingFeedUploadOperations uploads, CancellationToken cancellationToken) =>
        await uploads.UploadAsync(id, http, contentType, http.User, cancellationToken) switch
        {
            { Run: { } run } => TypedResults.Created($"{AdminApi.Prefix}/incoming-feeds/{id}/runs/{run.Id}", run),
            { Refusal: { } refusal } => refusal.ToResult(),
            { Conflict: { } conflict } => Conflicts.Problem(conflict),
            _ => TypedResults.NotFound(),
        };
}
