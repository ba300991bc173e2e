namespace Taxii.Server.Admin.Tokens;

/// <summary>The caller's own password change: the current password, checked as sign-in checks it, and the new one.</summary>
[OpenApiExample(@"{""currentPassword"":""the password I signed in with"",""newPassword"":""a new long passphrase""}")]
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);
