namespace Taxii.Server.Admin.Tokens;

/// <summary>Who the caller is and what it may do.</summary>
public sealed record MeDto(int Id, string Name, bool IsAdmin, IReadOnlyList<string> Permissions);
