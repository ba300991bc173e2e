using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Users;

namespace Taxii.Server.Ui.AccessView;

/// <summary>
/// The new and edit user pages: the user saved through <see cref="UserOperations"/>, then its roles granted or revoked
/// (<see cref="UserRoles"/>) and its groups joined or left (<see cref="GroupChanges"/>, through
/// <see cref="Admin.Groups.GroupOperations"/>), one REST call's worth of rule, message and audit entry each. The roles
/// and groups added are checked under <see cref="RoleGrants"/>' rule before anything is saved, so a refused form
/// changes nothing.
/// </summary>
internal abstract class UserFormPage(UserRoles roles, GroupChanges groups) : PageModel
{
    [BindProperty]
    public UserForm Input { get; set; } = new();

    public IReadOnlyList<Role> Choices { get; private set; } = [];

    public IReadOnlyList<Group> GroupChoices { get; private set; } = [];

    protected async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Choices = await roles.AllAsync(cancellationToken);
        GroupChoices = await groups.AllAsync(cancellationToken);
    }

    /// <summary>The form refused with 403 when the caller may not grant a role or join a group it adds; null when it may.</summary>
    protected async Task<PageResult?> RefuseGrantsAsync(UserDto? current, CancellationToken cancellationToken)
    {
        if (!await roles.MayGrantAllAsync(User, Input.RoleIds.Except(current?.RoleIds ?? []), cancellationToken))
        {
            return this.Refused(StatusCodes.Status403Forbidden, "Input.RoleIds", RoleGrants.ForbiddenMessage);
        }

        // joining a group hands out its roles (GroupOperations.AddMemberAsync checks it again)
        return await groups.MayJoinAllAsync(User, Input.GroupIds.Except(current?.GroupIds ?? []), cancellationToken)
            ? null
            : this.Refused(StatusCodes.Status403Forbidden, "Input.GroupIds", RoleGrants.ForbiddenMessage);
    }

    /// <summary>
    /// After the user is saved: its roles, then its groups, as ticked (<paramref name="current"/> null for a new user);
    /// a redirect to <paramref name="next"/> (given the user's id), or the refusal. Otherwise the operations' refusal beside its field.
    /// </summary>
    protected async Task<IActionResult> CompleteAsync(UserChange change, UserDto? current, Func<int, string> next, CancellationToken cancellationToken)
    {
        if (change is not { User: { } user })
        {
            return change switch
            {
                { Invalid: { } validation } => Invalid(validation),
                { Conflict: { } conflict } => this.Refused(StatusCodes.Status409Conflict, "Input.Name", conflict),
                { Forbidden: { } forbidden } => this.Refused(StatusCodes.Status403Forbidden, "Input.IsAdmin", forbidden),
                _ => NotFound(),
            };
        }

        var outcome = await roles.ApplyAsync(user.Id, current?.RoleIds ?? [], Input.RoleIds, User, cancellationToken);
        if (outcome == GrantOutcome.Done)
        {
            outcome = await groups.ApplyMembershipsAsync(user.Id, current?.GroupIds ?? [], Input.GroupIds, User, cancellationToken);
        }

        return outcome switch
        {
            GrantOutcome.Done => Redirect(next(user.Id)),
            GrantOutcome.Forbidden => this.Refused(StatusCodes.Status403Forbidden, "Input.RoleIds", RoleGrants.ForbiddenMessage),
            _ => NotFound(),
        };
    }

    private PageResult Invalid(Validation validation)
    {
        ModelState.AddApiErrors(validation);
        return this.Unprocessable();
    }
}
