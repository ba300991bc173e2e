using Microsoft.AspNetCore.Antiforgery;
using Taxii.Server.Admin;

namespace Taxii.Server.Ui;

/// <summary>
/// The first step of an upload form's post: the upload's own body limit, then the antiforgery token. Razor Pages would
/// check the token before the handler, reading the whole form under Kestrel's default body limit, and turn a too-large
/// body into a 400. So an upload page is <c>[IgnoreAntiforgeryToken]</c>, binds nothing (no model binding reads the form
/// first either) and calls <see cref="CheckAsync"/> before anything else.
/// </summary>
internal sealed record UploadGate(bool TokenValid, UploadRefusal? Refusal = null)
{
    /// <summary>Sets the body limit and checks the token: a 413 <see cref="Refusal"/> over the limit, <see cref="TokenValid"/> false for a bad token.</summary>
    public static async Task<UploadGate> CheckAsync(HttpContext http, IAntiforgery antiforgery, long limit)
    {
        if (UploadedPackage.LimitBody(http, limit) is { } tooLarge)
        {
            return new(false, tooLarge);
        }

        try
        {
            return new(await antiforgery.IsRequestValidAsync(http));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(false, UploadRefusal.TooLarge(limit));
        }
    }
}
