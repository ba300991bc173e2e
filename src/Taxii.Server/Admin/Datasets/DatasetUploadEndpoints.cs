using Taxii.Core.Security;
using Taxii.Feeds.Ingestion;

namespace Taxii.Server.Admin.Datasets;

/// <summary>
/// <c>POST /api/v1/datasets/{id}/uploads</c>: a file ingested straight into a dataset, without a feed or a run.
/// Permission <c>modify datasets</c>, on a dataset the caller sees. The rules are in <see cref="DatasetUploadOperations"/>,
/// shared with the web UI.
/// </summary>
internal static class DatasetUploadEndpoints
{
    public static void MapDatasetUploads(this RouteGroupBuilder datasets)
    {
        datasets.MapPost("/{id:int}/uploads", UploadAsync).WithName("UploadToDataset").RequireAuthorization(Permissions.ModifyDatasets)
            .WithDescription(UploadedPackage.Description)
            .Produces<PackageResult>().DisableAntiforgery();
    }

    private static async Task<IResult> UploadAsync(
        int id, string? contentType, HttpContext http, DatasetUploadOperations uploads, CancellationToken cancellationToken) =>
        await uploads.UploadAsync(id, http, contentType, http.User, cancellationToken) switch
        {
            { Result: { Outcome: PackageOutcome.Failed } failed } =>
                TypedResults.Problem(failed.Reason, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The package was not ingested"),
            { Result: { } result } => TypedResults.Ok(result),
            { Refusal: { } refusal } => refusal.ToResult(),
            _ => TypedResults.NotFound(),
        };
}
