namespace Taxii.Server.Admin.Groups;

/// <summary>A group's name and description.</summary>
[OpenApiExample(@"{""name"":""barbara-feeds"",""description"":""Automation accounts that ingest Alice's feeds""}")]
public sealed record GroupRequest(string Name, string? Description);
