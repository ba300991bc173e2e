namespace Taxii.Server.Admin.Users;

/// <summary>A new user. Only an administrator may create another administrator.</summary>
[OpenApiExample(@"{""name"":""barbara-automation"",""email"":""automation@barbara.example"",""password"":""a long random password"",""isActive"":true}")]
public sealed record CreateUserRequest(string Name, string? Email, string Password, bool IsActive = true, bool IsAdmin = false);
