namespace Taxii.Server.Admin.Groups;

/// <summary>A group's name and description.</summary>
/// <example>{"name":"barbara-feeds","description":"Automation accounts that ingest Alice's feeds"}</example>
public sealed record GroupRequest(string Name, string? Description);
