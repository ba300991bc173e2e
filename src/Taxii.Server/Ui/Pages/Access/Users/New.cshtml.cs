using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Users;
using Taxii.Server.Ui.AccessView;

namespace Taxii.Server.Ui.Pages.Access.Users;

/// <summary>Creates a user and grants its roles through <see cref="UserOperations"/>: the REST API's checks, messages and audit entries.</summary>
[Authorize(Policy = Permissions.ModifyUsers)]
internal sealed class NewModel(UserOperations operations, UserRoles roles) : PageModel
{
    [BindProperty]
    public UserForm Input { get; set; } = new();

    public IReadOnlyList<Role> Choices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Choices = await roles.AllAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Choices = await roles.AllAsync(cancellationToken);
        if (!await roles.MayGrantAllAsync(User, Input.RoleIds, cancellationToken))
        {
            return Refuse(StatusCodes.Status403Forbidden, "Input.RoleIds", RoleGrants.ForbiddenMessage);
        }

        var change = await operations.CreateAsync(Input.ToCreateRequest(), User, cancellationToken);
        switch (change)
        {
            case { User: { } user }:
                return await roles.ApplyAsync(user.Id, [], Input.RoleIds, User, cancellationToken) == GrantOutcome.Done
                    ? Redirect($"{UiSetup.Prefix}/access/users/{user.Id}/edit")
                    : Refuse(StatusCodes.Status403Forbidden, "Input.RoleIds", RoleGrants.ForbiddenMessage);
            case { Invalid: { } validation }:
                foreach (var (field, messages) in validation.Errors)
                {
                    messages.ForEach(m => ModelState.AddModelError(UserForm.FieldOf(field), m));
                }

                return Refuse(StatusCodes.Status422UnprocessableEntity, null, null);
            case { Conflict: { } conflict }:
                return Refuse(StatusCodes.Status409Conflict, "Input.Name", conflict);
            default:
                return Refuse(StatusCodes.Status403Forbidden, "Input.IsAdmin", change.Forbidden ?? "Refused.");
        }
    }

    private PageResult Refuse(int status, string? field, string? message)
    {
        if (field is not null && message is not null)
        {
            ModelState.AddModelError(field, message);
        }

        Response.StatusCode = status;
        return Page();
    }
}
