namespace Taxii.Server.Auth;

/// <summary>Who a verified caller is and what it may do: what its principal is built from.</summary>
internal readonly record struct Login(int UserId, string Name, bool IsAdmin, IReadOnlyList<string> Permissions);
