namespace Taxii.Core.Security;

/// <summary>A named set of permissions (see <see cref="Security.Permissions"/>), given to users directly or through groups.</summary>
public sealed class Role
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public List<string> Permissions { get; set; } = [];

    public List<User> Users { get; set; } = [];

    public List<Group> Groups { get; set; } = [];
}
