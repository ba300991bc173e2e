using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Server.Admin;
using Taxii.Server.Ui.IncomingView;

namespace Taxii.Server.Ui;

/// <summary>
/// A page with an upload form (<see cref="UploadForm"/>: a file and a content type). Its post first sets the upload's
/// body limit, then checks the antiforgery token, then wants a file (<see cref="CheckUploadAsync"/>); a refusal is shown
/// at its field with its status (<see cref="Refused"/>).
/// </summary>
/// <remarks>
/// Razor Pages would check the antiforgery token before the handler, reading the whole form under Kestrel's default
/// body limit, and turn a too-large body into a 400. So a derived page is <c>[IgnoreAntiforgeryToken]</c>, and its post
/// handler binds nothing (no model binding reads the form first either): it reads its id with <see cref="RouteId"/>.
/// </remarks>
internal abstract class UploadPage(IAntiforgery antiforgery) : PageModel
{
    public UploadForm Form { get; protected set; } = null!;

    /// <summary>The content type chosen on the form, null for "detect".</summary>
    protected string? ChosenContentType => string.IsNullOrEmpty(Form.ContentType) ? null : Form.ContentType;

    /// <summary>The route's <c>id</c>, read without model binding.</summary>
    protected int? RouteId() =>
        int.TryParse(RouteData.Values["id"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>
    /// Sets the body limit to <see cref="UploadForm.Limit"/>, checks the token and reads the chosen content type; null
    /// when the upload may go on, otherwise the answer: 413 over the limit, 400 for a bad token, 422 without a file.
    /// </summary>
    protected async Task<IActionResult?> CheckUploadAsync()
    {
        if (UploadedPackage.LimitBody(HttpContext, Form.Limit) is { } tooLarge)
        {
            return Refused(tooLarge);
        }

        try
        {
            if (!await antiforgery.IsRequestValidAsync(HttpContext))
            {
                return BadRequest();
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refused(UploadRefusal.TooLarge(Form.Limit));
        }

        Form = Form with { ContentType = Request.Form["contentType"].ToString() };
        return Request.Form.Files.GetFile("file") is null
            ? Refused(new UploadRefusal(StatusCodes.Status422UnprocessableEntity, "file", "Choose a file to upload."))
            : null;
    }

    /// <summary>The page again, with the refusal's message at its field and its status.</summary>
    protected PageResult Refused(UploadRefusal refusal)
    {
        Form = refusal.Field == "contentType" ? Form with { ContentTypeError = refusal.Message } : Form with { FileError = refusal.Message };
        Response.StatusCode = refusal.Status;
        return Page();
    }
}
