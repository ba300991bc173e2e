using Taxii.Server.Admin.Roles;

namespace Taxii.Server.Ui.AccessView;

/// <summary>The role form's fields, as HTML posts them: a <see cref="RoleRequest"/> with its permissions as ticked checkboxes.</summary>
internal sealed class RoleForm
{
    // nullable, so that MVC adds no [Required] of its own: the API's rules give the messages
    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<string> Permissions { get; set; } = [];

    public static RoleForm From(RoleDto role) =>
        new() { Name = role.Name, Description = role.Description, Permissions = [.. role.Permissions] };

    public RoleRequest ToRequest() => new(Name ?? string.Empty, AccessForms.Blank(Description), Permissions);
}
