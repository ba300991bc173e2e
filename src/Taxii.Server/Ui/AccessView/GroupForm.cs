using Taxii.Server.Admin.Groups;

namespace Taxii.Server.Ui.AccessView;

/// <summary>
/// The group form's fields, as HTML posts them: a <see cref="GroupRequest"/>, the roles the group should hold, the
/// members it keeps (ticked) and the names of users to add (the user list may be long, so members are added by name).
/// </summary>
internal sealed class GroupForm
{
    // nullable, so that MVC adds no [Required] of its own: the API's rules give the messages
    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<int> RoleIds { get; set; } = [];

    public List<int> MemberIds { get; set; } = [];

    /// <summary>User names to add, separated by commas, spaces or new lines.</summary>
    public string? AddMembers { get; set; }

    public static GroupForm From(GroupDto group) =>
        new() { Name = group.Name, Description = group.Description, RoleIds = [.. group.RoleIds], MemberIds = [.. group.MemberIds] };

    public GroupRequest ToRequest() => new(Name ?? string.Empty, AccessForms.Blank(Description));

    public IReadOnlyList<string> NamesToAdd() =>
        (AddMembers ?? string.Empty).Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
}
