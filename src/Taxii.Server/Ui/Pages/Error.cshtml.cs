using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Taxii.Server.Ui.Pages;

/// <summary>What the UI shows for an error status under <c>/ui</c> (re-executed here, so the status stays the original one).</summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Error";

    public string Explanation { get; private set; } = string.Empty;

    public void OnGet(int code) => Describe(code);

    // a refused form post is re-executed as a POST
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        // a re-executed request already carries the original status; visited directly, there is no error to show
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            code = Response.StatusCode = StatusCodes.Status404NotFound;
        }

        (Title, Explanation) = code switch
        {
            StatusCodes.Status400BadRequest => ("Bad request", "The form could not be accepted (it may have expired): reload the page and try again."),
            StatusCodes.Status403Forbidden => ("Not allowed", "Your roles do not include the permission this page needs."),
            StatusCodes.Status404NotFound => ("Not found", "There is nothing at this address."),
            _ => ("Error", "The server could not answer this request."),
        };
    }
}
