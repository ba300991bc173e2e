namespace Taxii.Server.Admin.Services;

/// <summary>
/// The outcome of changing a service through <see cref="ServiceOperations"/>: the REST endpoints answer it as HTTP
/// results, the web UI as pages (field errors beside the inputs).
/// </summary>
internal sealed record ServiceChange(ServiceDto? Service, Validation? Invalid, string? Conflict)
{
    public static ServiceChange NotFound { get; } = new(null, null, null);

    public IResult ToResult() => this switch
    {
        { Invalid: { } validation } => validation.Problem(),
        { Conflict: { } conflict } => Conflicts.Problem(conflict),
        { Service: { } service } => TypedResults.Ok(service),
        _ => TypedResults.NotFound(),
    };
}
