namespace Taxii.Server.Admin.Users;

/// <summary>
/// The outcome of deleting a user through <see cref="UserOperations.DeleteAsync"/>: deleted, not found, or refused
/// (yourself: a conflict; an administrator by a non-administrator: forbidden).
/// </summary>
internal sealed record UserDeletion(bool Found, string? Conflict, string? Forbidden)
{
    public static UserDeletion Deleted { get; } = new(true, null, null);

    public static UserDeletion NotFound { get; } = new(false, null, null);

    public IResult ToResult() => this switch
    {
        { Conflict: { } conflict } => Conflicts.Problem(conflict),
        { Forbidden: { } forbidden } => TypedResults.Problem(forbidden, statusCode: StatusCodes.Status403Forbidden),
        { Found: true } => TypedResults.NoContent(),
        _ => TypedResults.NotFound(),
    };
}
