using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Taxii.Core.Feeds;
using Taxii.Feeds.Ingestion;

namespace Taxii.Server.Admin;

/// <summary>
/// A file uploaded through the REST API, as the raw body (any Content-Type) or as the part <c>file</c> of a
/// multipart/form-data body. The size limit is set on the request (<see cref="IHttpMaxRequestBodySizeFeature"/>)
/// before a byte is read: a declared length over it is refused at once, a chunked body as soon as it passes it. The
/// file is then held in memory (at most the upload limit) so that no run is recorded for a body that never arrived.
/// </summary>
internal sealed record UploadedPackage(string Reference, string? Binding, FeedContentType? ContentType, byte[] Content)
{
    /// <summary>Room for multipart boundaries and part headers around the file.</summary>
    private const long MultipartOverhead = 64 * 1024;

    private const string OctetStream = "application/octet-stream";

    /// <summary>
    /// For the API documentation: the endpoints declare no accepted media types, since routing would then refuse a
    /// body of any other (or no) Content-Type, and an upload is any file.
    /// </summary>
    public const string Description = "The body is the file, with any Content-Type, or multipart/form-data with one file part named 'file'. "
        + "The content type is the feed's; otherwise ?contentType=stix-1.2|eclecticiq-json|csv|plain-text, else detected from the "
        + "(part's) media type or file extension. Larger than Taxii:Limits:MaxUploadedBlobSize: 413.";

    public IncomingPackage ToPackage(int? uploaderId) =>
        new(Reference, Binding, Content.LongLength, _ => Task.FromResult<Stream>(new MemoryStream(Content, writable: false))) { SenderUserId = uploaderId };

    /// <summary>Reads the upload, or returns why not (413 over the limit, 422 for a bad query or form).</summary>
    public static async Task<(UploadedPackage? Package, UploadRefusal? Refusal)> ReadAsync(HttpContext http, string? contentType, long limit, CancellationToken cancellationToken)
    {
        FeedContentType? forced = null;
        if (!string.IsNullOrEmpty(contentType))
        {
            forced = ParseContentType(contentType);
            if (forced is null)
            {
                return (null, new UploadRefusal(StatusCodes.Status422UnprocessableEntity, "contentType", "contentType must be one of stix-1.2, eclecticiq-json, csv, plain-text"));
            }
        }

        if (LimitBody(http, limit) is { } refusal)
        {
            return (null, refusal);
        }

        var request = http.Request;
        try
        {
            return IsMultipart(request) ? await ReadPartAsync(request, forced, limit, cancellationToken) : (await ReadBodyAsync(request, forced, cancellationToken), null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, UploadRefusal.TooLarge(limit));
        }
    }

    /// <summary>
    /// Sets the request's body limit for an upload of at most <paramref name="limit"/> bytes, before a byte is read;
    /// refuses a declared length over it. The web UI calls it before checking the form's antiforgery token.
    /// </summary>
    public static UploadRefusal? LimitBody(HttpContext http, long limit)
    {
        var bodyLimit = IsMultipart(http.Request) ? limit + MultipartOverhead : limit;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            // replaces the JSON limit the API group sets: an upload is a package, not configuration
            feature.MaxRequestBodySize = bodyLimit;
        }

        return http.Request.ContentLength > bodyLimit ? UploadRefusal.TooLarge(limit) : null;
    }

    private static bool IsMultipart(HttpRequest request) =>
        request.HasFormContentType && request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;

    private static async Task<UploadedPackage> ReadBodyAsync(HttpRequest request, FeedContentType? forced, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var mediaType = MediaType(request.ContentType);
        return new UploadedPackage("uploaded file", Detect(mediaType, null), forced, buffer.ToArray());
    }

    private static async Task<(UploadedPackage? Package, UploadRefusal? Refusal)> ReadPartAsync(HttpRequest request, FeedContentType? forced, long limit, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null || form.Files.Count != 1)
        {
            return (null, new UploadRefusal(StatusCodes.Status422UnprocessableEntity, "file", "send one file, in the form part named 'file'"));
        }

        if (file.Length > limit)
        {
            return (null, UploadRefusal.TooLarge(limit));
        }

        using var buffer = new MemoryStream((int)file.Length);
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        var name = Path.GetFileName(file.FileName);
        var reference = string.IsNullOrWhiteSpace(name) ? "uploaded file" : $"uploaded file {name}";
        return (new UploadedPackage(reference, Detect(MediaType(file.ContentType), name), forced, buffer.ToArray()), null);
    }

    /// <summary>The binding to detect the content type by: the media type when it says something, else the file name's extension.</summary>
    private static string? Detect(string? mediaType, string? fileName)
    {
        var fromMediaType = mediaType switch
        {
            null or "" or OctetStream or "multipart/form-data" => null,
            "application/xml" or "text/xml" => "urn:stix.mitre.org:xml:1.2",
            "application/json" => "urn:eclecticiq.com:json:1.0",
            _ => mediaType,
        };
        return fromMediaType ?? Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant() switch
        {
            ".xml" => "urn:stix.mitre.org:xml:1.2",
            ".json" => "urn:eclecticiq.com:json:1.0",
            ".csv" => "text/csv",
            ".txt" => "text/plain",
            _ => mediaType is OctetStream ? OctetStream : null,
        };
    }

    private static string? MediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;

    private static FeedContentType? ParseContentType(string value) => value.ToLowerInvariant() switch
    {
        "stix-1.2" => FeedContentType.Stix12,
        "eclecticiq-json" => FeedContentType.EclecticIqJson,
        "csv" => FeedContentType.Csv,
        "plain-text" => FeedContentType.PlainText,
        _ => null,
    };
}
