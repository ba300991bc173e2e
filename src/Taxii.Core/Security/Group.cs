namespace Taxii.Core.Security;

public sealed class Group
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<GroupMembership> Memberships { get; set; } = [];

    public List<Role> Roles { get; set; } = [];
}
