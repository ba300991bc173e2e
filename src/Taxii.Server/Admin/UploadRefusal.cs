namespace Taxii.Server.Admin;

/// <summary>
/// Why an upload was not read: <see cref="Status"/> 413 (over the upload limit) or 422 (a bad content type or form,
/// with the <see cref="Field"/> it concerns). The REST API answers it as a problem; the web UI shows it at the field.
/// </summary>
internal sealed record UploadRefusal(int Status, string Field, string Message)
{
    public static UploadRefusal TooLarge(long limit) => new(
        StatusCodes.Status413PayloadTooLarge, "file", $"The upload is larger than this server accepts ({limit} bytes, Taxii:Limits:MaxUploadedBlobSize).");

    public IResult ToResult() => Status == StatusCodes.Status413PayloadTooLarge
        ? TypedResults.Problem(Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large")
        : Validation.Problem(new() { [Field] = [Message] });
}
