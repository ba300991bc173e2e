namespace Taxii.Server.Admin.Collections;

/// <summary>
/// The outcome of changing a collection through <see cref="CollectionOperations"/>: the REST endpoints answer it as
/// HTTP results, the web UI as pages (field errors beside the inputs).
/// </summary>
internal sealed record CollectionChange(CollectionDto? Collection, Validation? Invalid, string? Conflict)
{
    public static CollectionChange NotFound { get; } = new(null, null, null);

    public IResult ToResult() => this switch
    {
        { Invalid: { } validation } => validation.Problem(),
        { Conflict: { } conflict } => Conflicts.Problem(conflict),
        { Collection: { } collection } => TypedResults.Ok(collection),
        _ => TypedResults.NotFound(),
    };
}
