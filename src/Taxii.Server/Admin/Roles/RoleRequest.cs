namespace Taxii.Server.Admin.Roles;

/// <summary>A role: a named set of permissions from <c>GET /api/v1/permissions</c>.</summary>
[OpenApiExample(@"{""name"":""feed-automation"",""description"":""What an ingesting automation user needs"",""permissions"":[""read incoming-feeds"",""modify incoming-feeds"",""read datasets""]}")]
public sealed record RoleRequest(string Name, string? Description, IReadOnlyList<string>? Permissions);
