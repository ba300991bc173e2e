using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Taxii.Persistence;
using Taxii.Server.Admin.Tokens;
using Taxii.Server.Ui.AccessView;

namespace Taxii.Server.Ui.Pages.Account;

/// <summary>
/// My account, for every signed-in user: who I am as <c>/api/v1/me</c> says, and my API tokens through
/// <see cref="TokenOperations"/> (the REST API's rules). A new token's secret is shown in the answer to its creation
/// only: it is stored as a hash and never shown again.
/// </summary>
internal sealed class IndexModel(TaxiiDbContext db, TokenOperations tokens) : PageModel
{
    [BindProperty]
    public TokenForm Input { get; set; } = new();

    public MeDto Me { get; private set; } = null!;

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public IReadOnlyList<string> Groups { get; private set; } = [];

    public IReadOnlyList<TokenDto> Tokens { get; private set; } = [];

    /// <summary>The token just created, with its secret: set only in the answer to the creating post.</summary>
    public CreatedTokenDto? Created { get; private set; }

    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    /// <summary>Set after a password change (<c>?password=changed</c>, from the change-password page's redirect).</summary>
    public bool PasswordChanged => Request.Query["password"] == "changed";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var creation = ModelState.IsValid ? await tokens.CreateAsync(Input.ToRequest(), User, cancellationToken) : null;
        if (creation is { Created: { } created })
        {
            Created = created;
            Input = new();
            ModelState.Clear();
            await LoadAsync(cancellationToken);
            return Page();
        }

        ModelState.AddApiErrors(creation?.Invalid, fieldOf: TokenForm.FieldOf);
        await LoadAsync(cancellationToken);
        return this.Unprocessable();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int tokenId, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(tokenId, User, cancellationToken) ? Redirect(UiSetup.Prefix + "/account") : NotFound();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Me = TokenOperations.Me(User);
        var user = db.Users.AsNoTracking().Where(u => u.Id == Me.Id);
        Roles = await user.SelectMany(u => u.Roles).Select(r => r.Name).Order().ToListAsync(cancellationToken);
        Groups = await user.SelectMany(u => u.Memberships).Select(m => m.Group!.Name).Order().ToListAsync(cancellationToken);
        Tokens = await tokens.ListAsync(User, cancellationToken);
    }
}
