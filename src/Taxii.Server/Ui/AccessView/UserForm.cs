using Taxii.Server.Admin.Users;

namespace Taxii.Server.Ui.AccessView;

/// <summary>
/// The user forms' fields, as HTML posts them: a <see cref="CreateUserRequest"/> or an <see cref="UpdateUserRequest"/>
/// (an empty password leaves it as it is), and the roles and groups the user should hold.
/// </summary>
internal sealed class UserForm
{
    // nullable, so that MVC adds no [Required] of its own: the API's rules give the messages
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Password { get; set; }

    public bool IsActive { get; set; } = true;

    public bool IsAdmin { get; set; }

    public List<int> RoleIds { get; set; } = [];

    /// <summary>The groups the user should be a member of.</summary>
    public List<int> GroupIds { get; set; } = [];

    public static UserForm From(UserDto u) =>
        new() { Name = u.Name, Email = u.Email, IsActive = u.IsActive, IsAdmin = u.IsAdmin, RoleIds = [.. u.RoleIds], GroupIds = [.. u.GroupIds] };

    public CreateUserRequest ToCreateRequest() => new(Name ?? string.Empty, AccessForms.Blank(Email), Password ?? string.Empty, IsActive, IsAdmin);

    /// <summary>Only what changed, so that an administrator's flag the caller did not touch is not sent back.</summary>
    public UpdateUserRequest ToUpdateRequest(UserDto current) => new(
        AccessForms.Blank(Email) == AccessForms.Blank(current.Email) ? null : AccessForms.Blank(Email) ?? string.Empty,
        string.IsNullOrEmpty(Password) ? null : Password,
        IsActive == current.IsActive ? null : IsActive,
        IsAdmin == current.IsAdmin ? null : IsAdmin);
}
