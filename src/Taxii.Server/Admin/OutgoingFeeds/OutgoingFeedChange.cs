namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>
/// The outcome of changing an outgoing feed through <see cref="OutgoingFeedOperations"/>: the REST endpoints answer it
/// as HTTP results, the web UI as pages (field errors beside the inputs).
/// </summary>
internal sealed record OutgoingFeedChange(OutgoingFeedDto? Feed, Validation? Invalid, string? Conflict)
{
    public static OutgoingFeedChange NotFound { get; } = new(null, null, null);

    public IResult ToResult(Func<OutgoingFeedDto, IResult> success) => this switch
    {
        { Invalid: { } validation } => validation.Problem(),
        { Conflict: { } conflict } => Conflicts.Problem(conflict),
        { Feed: { } feed } => success(feed),
        _ => TypedResults.NotFound(),
    };
}
