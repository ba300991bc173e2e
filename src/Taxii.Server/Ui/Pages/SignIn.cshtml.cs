using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Auth;

namespace Taxii.Server.Ui.Pages;

/// <summary>
/// Checks the name and password as basic authentication does (<see cref="PasswordLogins"/>: the same failed-login
/// limits and the same answer for unknown users and wrong passwords), then starts a cookie session for <c>/ui</c>.
/// </summary>
internal sealed class SignInModel(PasswordLogins logins, TaxiiDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await logins.VerifyAsync(HttpContext.Connection.RemoteIpAddress, UserName, Password, cancellationToken);
        Password = string.Empty;
        if (result.Throttled is { } throttled)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            throttled.SetRetryAfter(Response);
            Error = throttled.Message;
            return Page();
        }

        if (result is not { Login: { } login, PasswordStamp: { } stamp })
        {
            Error = "The user name or password is not right.";
            return Page();
        }

        var principal = UiSetup.Principal(login, stamp);
        await HttpContext.SignInAsync(UiSetup.Scheme, principal);
        AuditLog.Record(db, principal, time, "sign-in", $"users/{login.UserId}", "web UI");
        await db.SaveChangesAsync(cancellationToken);
        // only a page of the UI: an address elsewhere would make the sign-in form an open redirect
        return LocalRedirect(ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith(UiSetup.Prefix + "/", StringComparison.Ordinal)
            ? url
            : UiSetup.Prefix);
    }
}
