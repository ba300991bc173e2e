using Microsoft.AspNetCore.Mvc.ModelBinding;
using Taxii.Server.Admin;

namespace Taxii.Server.Ui.AccessView;

/// <summary>What the groups and roles forms share: the API's field errors shown beside their inputs.</summary>
internal static class AccessForms
{
    /// <summary>The form field an API error names (<c>permissions</c> → <c>Input.Permissions</c>).</summary>
    public static string FieldOf(string apiField) => "Input." + char.ToUpperInvariant(apiField[0]) + apiField[1..];

    public static void AddErrors(ModelStateDictionary modelState, Validation validation)
    {
        foreach (var (field, messages) in validation.Errors)
        {
            messages.ForEach(m => modelState.AddModelError(FieldOf(field), m));
        }
    }

    /// <summary>Blank text is no value (the API stores null).</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
