namespace Taxii.Core.Audit;

/// <summary>One change to configuration: who, what, when. Never a secret.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public int? UserId { get; set; }

    public required string UserName { get; set; }

    /// <summary>What was done, e.g. <c>create</c>, <c>update</c>, <c>delete</c>, <c>revoke</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, e.g. <c>users/12</c>.</summary>
    public required string Resource { get; set; }

    /// <summary>A short description of the change (field names and new values, secrets left out).</summary>
    public string? Details { get; set; }
}
