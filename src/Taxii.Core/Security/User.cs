namespace Taxii.Core.Security;

public sealed class User
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Email { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Administrators hold every permission and see every dataset, collection and feed.</summary>
    public bool IsAdmin { get; set; }

    /// <summary>A hash from ASP.NET Core Identity's password hasher (PBKDF2); never the password.</summary>
    public string? PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<GroupMembership> Memberships { get; set; } = [];

    public List<Role> Roles { get; set; } = [];
}
