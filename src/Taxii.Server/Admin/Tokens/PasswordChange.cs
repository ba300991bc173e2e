using Taxii.Server.Auth;

namespace Taxii.Server.Admin.Tokens;

/// <summary>
/// The outcome of <see cref="PasswordOperations.ChangeAsync"/>: changed (with the login and the new password's stamp,
/// so the web UI renews its session), invalid, refused (the current password is not right) or throttled (too many failed logins).
/// </summary>
internal sealed record PasswordChange(Login? Login, string? Stamp, Validation? Invalid, LoginThrottled? Throttled)
{
    public const string WrongPassword = "The current password is not right.";

    public static PasswordChange Wrong { get; } = new(null, null, null, null);

    public IResult ToResult(HttpResponse response)
    {
        switch (this)
        {
            case { Invalid: { } validation }:
                return validation.Problem();
            case { Throttled: { } throttled }:
                throttled.SetRetryAfter(response);
                return TypedResults.Problem(throttled.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed login attempts");
            case { Stamp: not null }:
                return TypedResults.NoContent();
            default:
                return TypedResults.Problem(WrongPassword, statusCode: StatusCodes.Status403Forbidden);
        }
    }
}
