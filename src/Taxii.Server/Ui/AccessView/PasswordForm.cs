using Taxii.Server.Admin.Tokens;

namespace Taxii.Server.Ui.AccessView;

/// <summary>The change-password form: a <see cref="ChangePasswordRequest"/>, and the new password typed twice.</summary>
internal sealed class PasswordForm
{
    // nullable, so that MVC adds no [Required] of its own: the API's rules give the messages
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }

    /// <summary>The form's own check (the API takes the new password once): the two typings match.</summary>
    public string? ConfirmPassword { get; set; }

    public ChangePasswordRequest ToRequest() => new(CurrentPassword ?? string.Empty, NewPassword ?? string.Empty);
}
