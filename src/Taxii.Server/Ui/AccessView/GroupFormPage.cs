using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Groups;

namespace Taxii.Server.Ui.AccessView;

/// <summary>
/// The new and edit group pages' post: names resolved to users, the roles and members checked under
/// <see cref="RoleGrants"/>' rule before anything is saved, then the group saved and its roles and members changed
/// through <see cref="GroupOperations"/> (the REST API's rules, messages and audit entries).
/// </summary>
internal abstract class GroupFormPage(GroupOperations operations, GroupChanges changes, UserRoles roles) : PageModel, IGroupFormPage
{
    [BindProperty]
    public GroupForm Input { get; set; } = new();

    public IReadOnlyList<Role> RoleChoices { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Members { get; private set; } = [];

    protected async Task ShowAsync(GroupDto? current, CancellationToken cancellationToken)
    {
        RoleChoices = await roles.AllAsync(cancellationToken);
        Members = current is null ? [] : await changes.NamesAsync(current.MemberIds, cancellationToken);
    }

    /// <summary>Creates (<paramref name="current"/> null) or updates the group; a redirect to its edit page, or the form with the refusal.</summary>
    protected async Task<IActionResult> SaveAsync(GroupDto? current, CancellationToken cancellationToken)
    {
        await ShowAsync(current, cancellationToken);
        var (added, unknown) = await changes.ResolveAsync(Input.NamesToAdd(), cancellationToken);
        if (unknown.Count > 0)
        {
            return this.Refused(StatusCodes.Status422UnprocessableEntity, "Input.AddMembers", $"No such user: {string.Join(", ", unknown)}");
        }

        var heldRoles = current?.RoleIds ?? [];
        var heldMembers = current?.MemberIds ?? [];
        var wantedMembers = Input.MemberIds.Intersect(heldMembers).Union(added).ToList();
        var addsMembers = wantedMembers.Except(heldMembers).Any();
        if (!await changes.MayChangeAsync(User, heldRoles, Input.RoleIds, addsMembers, cancellationToken))
        {
            return this.Refused(StatusCodes.Status403Forbidden, "Input.RoleIds", RoleGrants.ForbiddenMessage);
        }

        var change = current is null
            ? await operations.CreateAsync(Input.ToRequest(), User, cancellationToken)
            : await operations.UpdateAsync(current.Id, Input.ToRequest(), User, cancellationToken);
        switch (change)
        {
            case { Value: { } group }:
                var before = current ?? group;
                return await changes.ApplyAsync(group.Id, before, Input.RoleIds, wantedMembers, User, cancellationToken) switch
                {
                    GrantOutcome.Done => Redirect($"{UiSetup.Prefix}/access/groups/{group.Id}/edit"),
                    GrantOutcome.Forbidden => this.Refused(StatusCodes.Status403Forbidden, "Input.RoleIds", RoleGrants.ForbiddenMessage),
                    _ => NotFound(),
                };
            case { Invalid: { } validation }:
                ModelState.AddApiErrors(validation);
                return this.Unprocessable();
            case { Conflict: { } conflict }:
                return this.Refused(StatusCodes.Status409Conflict, "Input.Name", conflict);
            default:
                return NotFound();
        }
    }
}
