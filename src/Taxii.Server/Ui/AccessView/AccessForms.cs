namespace Taxii.Server.Ui.AccessView;

/// <summary>What the access forms share.</summary>
internal static class AccessForms
{
    /// <summary>Blank text is no value (the API stores null).</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
