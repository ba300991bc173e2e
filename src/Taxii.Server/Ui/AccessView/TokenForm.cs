using Taxii.Server.Admin.Tokens;

namespace Taxii.Server.Ui.AccessView;

/// <summary>The new-token form: a <see cref="CreateTokenRequest"/> as HTML posts it (the expiry a date, ending at its UTC midnight).</summary>
internal sealed class TokenForm
{
    // nullable, so that MVC adds no [Required] of its own: the API's rule gives the message
    public string? Name { get; set; }

    public DateOnly? ExpiresOn { get; set; }

    public CreateTokenRequest ToRequest() =>
        new(Name ?? string.Empty, ExpiresOn is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null);

    /// <summary>The form field an API error names, so the message shows beside its input.</summary>
    public static string FieldOf(string apiField) => apiField == "expiresAt" ? "Input.ExpiresOn" : "Input.Name";
}
