using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Persistence;
using Taxii.Server.Admin;

namespace Taxii.Server.Ui.Pages;

/// <summary>Ends the session: POST only (with the antiforgery token), so no link or image elsewhere can sign a user out.</summary>
internal sealed class SignOutModel(TaxiiDbContext db, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        AuditLog.Record(db, User, time, "sign-out", $"users/{Taxii.TaxiiCaller.From(User).UserId}", "web UI");
        await db.SaveChangesAsync(cancellationToken);
        await HttpContext.SignOutAsync(UiSetup.Scheme);
        return Redirect(UiSetup.Prefix + "/sign-in");
    }
}
