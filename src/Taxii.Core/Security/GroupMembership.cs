namespace Taxii.Core.Security;

public sealed class GroupMembership
{
    public int UserId { get; set; }

    public User? User { get; set; }

    public int GroupId { get; set; }

    public Group? Group { get; set; }
}
