using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Taxii.Server.Ui.Pages;

/// <summary>What the UI shows for an error status under <c>/ui</c> (rendered by <see cref="UiErrorPages"/> for the original request, so the status stays).</summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Error";

    public string Explanation { get; private set; } = string.Empty;

    public void OnGet(int code) => Describe(code);

    // a refused form post is answered as a POST
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        // an error answer already carries its status (UiErrorPages); visited directly, there is no error to show
        if (!HttpContext.Items.ContainsKey(UiErrorPages.Marker))
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
