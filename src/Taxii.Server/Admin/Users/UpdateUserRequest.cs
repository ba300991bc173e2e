namespace Taxii.Server.Admin.Users;

/// <summary>Changes to a user; a field left out (null) stays as it is.</summary>
public sealed record UpdateUserRequest(string? Email, string? Password, bool? IsActive, bool? IsAdmin);
