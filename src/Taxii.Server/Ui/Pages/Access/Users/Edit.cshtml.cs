using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Users;
using Taxii.Server.Ui.AccessView;

namespace Taxii.Server.Ui.Pages.Access.Users;

/// <summary>
/// Edits a user (email, active, administrator, a new password), its roles through <see cref="UserOperations"/> and its
/// groups through <see cref="Admin.Groups.GroupOperations"/>: the REST API's checks, messages and audit entries, role by
/// role and group by group under <see cref="RoleGrants"/>' rule.
/// </summary>
[Authorize(Policy = Permissions.ModifyUsers)]
internal sealed class EditModel(TaxiiDbContext db, UserOperations operations, UserRoles roles, GroupChanges groups) : PageModel
{
    [BindProperty]
    public UserForm Input { get; set; } = new();

    public IReadOnlyList<Role> Choices { get; private set; } = [];

    public IReadOnlyList<Group> GroupChoices { get; private set; } = [];

    public int Id { get; private set; }

    public string CurrentName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await UserOperations.FindAsync(db, id, cancellationToken) is not { } user)
        {
            return NotFound();
        }

        Input = UserForm.From(user);
        (Id, CurrentName) = (id, user.Name);
        Choices = await roles.AllAsync(cancellationToken);
        GroupChoices = await groups.AllAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await UserOperations.FindAsync(db, id, cancellationToken) is not { } user)
        {
            return NotFound();
        }

        (Id, CurrentName) = (id, user.Name);
        Choices = await roles.AllAsync(cancellationToken);
        GroupChoices = await groups.AllAsync(cancellationToken);
        if (!await roles.MayGrantAllAsync(User, Input.RoleIds.Except(user.RoleIds), cancellationToken))
        {
            return Refuse(StatusCodes.Status403Forbidden, "Input.RoleIds", RoleGrants.ForbiddenMessage);
        }

        // joining a group hands out its roles (GroupOperations.AddMemberAsync checks it again)
        if (!await groups.MayJoinAllAsync(User, Input.GroupIds.Except(user.GroupIds), cancellationToken))
        {
            return Refuse(StatusCodes.Status403Forbidden, "Input.GroupIds", RoleGrants.ForbiddenMessage);
        }

        var change = await operations.UpdateAsync(id, Input.ToUpdateRequest(user), User, cancellationToken);
        switch (change)
        {
            case { User: { } }:
                var outcome = await roles.ApplyAsync(id, user.RoleIds, Input.RoleIds, User, cancellationToken);
                if (outcome == GrantOutcome.Done)
                {
                    outcome = await groups.ApplyMembershipsAsync(id, user.GroupIds, Input.GroupIds, User, cancellationToken);
                }

                return outcome switch
                {
                    GrantOutcome.Done => Redirect($"{UiSetup.Prefix}/access/users"),
                    GrantOutcome.Forbidden => Refuse(StatusCodes.Status403Forbidden, "Input.RoleIds", RoleGrants.ForbiddenMessage),
                    _ => NotFound(),
                };
            case { Invalid: { } validation }:
                foreach (var (field, messages) in validation.Errors)
                {
                    messages.ForEach(m => ModelState.AddModelError(UserForm.FieldOf(field), m));
                }

                return Refuse(StatusCodes.Status422UnprocessableEntity, null, null);
            case { Forbidden: { } forbidden }:
                return Refuse(StatusCodes.Status403Forbidden, "Input.IsAdmin", forbidden);
            default:
                return NotFound();
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
