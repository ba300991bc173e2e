using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Server.Admin.Tokens;
using Taxii.Server.Ui.AccessView;

namespace Taxii.Server.Ui.Pages.Account;

/// <summary>
/// Every signed-in user changes their own password through <see cref="PasswordOperations"/>, the rule behind
/// <c>POST /api/v1/me/password</c>: the same current-password check as sign-in (a wrong one counts as a failed login),
/// the same new-password rule as user creation, the same audit entry. The cookie is then renewed with the new password's
/// stamp, so this session goes on while the user's other sessions end.
/// </summary>
internal sealed class PasswordModel(PasswordOperations passwords) : PageModel
{
    [BindProperty]
    public PasswordForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.NewPassword != Input.ConfirmPassword)
        {
            return this.Refused(StatusCodes.Status422UnprocessableEntity, "Input.ConfirmPassword", "The two new passwords differ.");
        }

        var change = await passwords.ChangeAsync(Input.ToRequest(), User, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        switch (change)
        {
            case { Login: { } login, Stamp: { } stamp }:
                await HttpContext.SignInAsync(UiSetup.Scheme, UiSetup.Principal(login, stamp));
                return Redirect(UiSetup.Prefix + "/account?password=changed");
            case { Invalid: { } validation }:
                ModelState.AddApiErrors(validation);
                return this.Unprocessable();
            case { Throttled: { } throttled }:
                throttled.SetRetryAfter(Response);
                return this.Refused(StatusCodes.Status429TooManyRequests, "Input.CurrentPassword", throttled.Message);
            default:
                return this.Refused(StatusCodes.Status403Forbidden, "Input.CurrentPassword", PasswordChange.WrongPassword);
        }
    }
}
