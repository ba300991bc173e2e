using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Server.Admin;

namespace Taxii.Server.Ui;

/// <summary>
/// A refused change on a form page: the operations' <see cref="Validation"/> messages (and a conflict) put beside the
/// inputs they are about, and the page answered again with 422. Form fields are bound as <c>Input.X</c>, so the API's
/// field <c>path</c> (or <c>transport.url</c>) shows at <c>Input.Path</c> (<c>Input.Transport</c>) unless the page maps it.
/// </summary>
internal static class FormErrors
{
    /// <summary>The form field an API field names: its first part, in Pascal case, under <c>Input</c>.</summary>
    public static string InputField(string apiField)
    {
        var name = apiField.Split('.')[0];
        return "Input." + char.ToUpperInvariant(name[0]) + name[1..];
    }

    /// <summary>
    /// Adds each message of <paramref name="invalid"/> at its field (<paramref name="fieldOf"/>, by default
    /// <see cref="InputField"/>), and a <paramref name="conflict"/> at <paramref name="conflictField"/>.
    /// </summary>
    public static void AddApiErrors(
        this ModelStateDictionary modelState, Validation? invalid, string? conflict = null, string? conflictField = null, Func<string, string>? fieldOf = null)
    {
        fieldOf ??= InputField;
        foreach (var (field, messages) in invalid?.Errors ?? new Dictionary<string, List<string>>())
        {
            messages.ForEach(m => modelState.AddModelError(fieldOf(field), m));
        }

        if (conflict is not null)
        {
            modelState.AddModelError(conflictField ?? string.Empty, conflict);
        }
    }

    /// <summary>The page again, with its errors, answered 422 Unprocessable Content.</summary>
    public static PageResult Unprocessable(this PageModel page)
    {
        page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page.Page();
    }

    /// <summary>
    /// The page again with <paramref name="message"/> beside <paramref name="field"/>, answered <paramref name="status"/>:
    /// a refusal that is no field validation (403 for a right the caller lacks, 409 for a taken name, 429 for throttling).
    /// </summary>
    public static PageResult Refused(this PageModel page, int status, string field, string message)
    {
        page.ModelState.AddModelError(field, message);
        page.Response.StatusCode = status;
        return page.Page();
    }
}
