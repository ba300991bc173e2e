namespace Taxii.Server.Admin;

/// <summary>
/// The outcome of creating or changing a group, a role or a client certificate through <see cref="Groups.GroupOperations"/>,
/// <see cref="Roles.RoleOperations"/> or <see cref="Users.CertificateOperations"/>: the REST endpoints answer it as HTTP results, the web UI as pages (field errors
/// beside the inputs, refusals above or beside the form). All empty: not found.
/// </summary>
internal sealed record AccessChange<T>(T? Value, Validation? Invalid, string? Conflict, string? Forbidden)
    where T : class
{
    public static AccessChange<T> NotFound { get; } = new(null, null, null, null);

    public static AccessChange<T> Refused(string message) => new(null, null, null, message);

    public static AccessChange<T> Done(T? value) => new(value, null, null, null);

    public static AccessChange<T> Failed(Validation invalid) => new(null, invalid, null, null);

    public static AccessChange<T> Conflicting(string message) => new(null, null, message, null);

    public IResult ToResult() => this switch
    {
        { Invalid: { } validation } => validation.Problem(),
        { Conflict: { } conflict } => Conflicts.Problem(conflict),
        { Forbidden: { } forbidden } => TypedResults.Problem(forbidden, statusCode: StatusCodes.Status403Forbidden),
        { Value: { } value } => TypedResults.Ok(value),
        _ => TypedResults.NotFound(),
    };
}
