namespace Taxii.Server.Admin.Users;

/// <summary>
/// The outcome of creating or changing a user through <see cref="UserOperations"/>: the REST endpoints answer it as
/// HTTP results, the web UI as pages (field errors beside the inputs, refusals above the form).
/// </summary>
internal sealed record UserChange(UserDto? User, Validation? Invalid, string? Conflict, string? Forbidden)
{
    public static UserChange NotFound { get; } = new(null, null, null, null);

    public static UserChange Refused(string message) => new(null, null, null, message);

    public IResult ToResult() => this switch
    {
        { Invalid: { } validation } => validation.Problem(),
        { Conflict: { } conflict } => Conflicts.Problem(conflict),
        { Forbidden: { } forbidden } => TypedResults.Problem(forbidden, statusCode: StatusCodes.Status403Forbidden),
        { User: { } user } => TypedResults.Ok(user),
        _ => TypedResults.NotFound(),
    };
}
