namespace Taxii.Server.Auth;

/// <summary>Who a verified caller is: enough to build its principal without the database.</summary>
internal readonly record struct CachedLogin(int UserId, string Name, bool IsAdmin, IReadOnlyList<string> Permissions);
