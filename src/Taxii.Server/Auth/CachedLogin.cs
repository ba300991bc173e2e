namespace Taxii.Server.Auth;

internal readonly record struct CachedLogin(int UserId, string Name, bool IsAdmin);
