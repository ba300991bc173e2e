using Taxii.Server.Admin.Users;

namespace Taxii.Server.Ui.AccessView;

/// <summary>
/// The user forms' fields, as HTML posts them: a <see cref="CreateUserRequest"/> or an <see cref="UpdateUserRequest"/>
/// (an empty password leaves it as it is), and the roles the user should hold.
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

    /// <summary>The groups the user should be a member of (the edit form only).</summary>
    public List<int> GroupIds { get; set; } = [];

    public static UserForm From(UserDto u) =>
        new() { Name = u.Name, Email = u.Email, IsActive = u.IsActive, IsAdmin = u.IsAdmin, RoleIds = [.. u.RoleIds], GroupIds = [.. u.GroupIds] };

    public CreateUserRequest ToCreateRequest() => new(Name ?? string.Empty, Blank(Email), Password ?? string.Empty, IsActive, IsAdmin);

    /// <summary>Only what changed, so that an administrator's flag the caller did not touch is not sent back.</summary>
    public UpdateUserRequest ToUpdateRequest(UserDto current) => new(
        Blank(Email) == Blank(current.Email) ? null : Blank(Email) ?? string.Empty,
        string.IsNullOrEmpty(Password) ? null : Password,
        IsActive == current.IsActive ? null : IsActive,
        IsAdmin == current.IsAdmin ? null : IsAdmin);

    /// <summary>The form field an API error names (<c>password</c> → <c>Input.Password</c>).</summary>
    public static string FieldOf(string apiField) => "Input." + char.ToUpperInvariant(apiField[0]) + apiField[1..];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
