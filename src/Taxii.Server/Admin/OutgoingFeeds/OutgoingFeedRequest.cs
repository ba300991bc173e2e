using Taxii.Core.Feeds;

namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>
/// An outgoing feed. <c>schedule</c>: a five-field cron expression in UTC, or <c>intervalMinutes</c> (dividing an hour
/// or a day); neither: on demand only. <c>updateStrategy</c>: append, replace or diff. Sources, any mix, at least one:
/// <c>datasetIds</c> (all their entities), <c>incomingFeedIds</c> (the entities those feeds brought) and
/// <c>sourceGroupIds</c> (the entities members of those groups added or uploaded), the last two only in datasets the
/// feed's owner (who last saved it) may read. <c>groupIds</c> is the feed's audience, not a source.
/// </summary>
[OpenApiExample(@"{""name"":""Alice to Barbara"",""description"":""The shared dataset, what the feed from Carol brought and what our analysts added"",""enabled"":true,""datasetIds"":[1],""incomingFeedIds"":[2],""sourceGroupIds"":[3],""groupIds"":[1],""transport"":{""type"":""taxii-poll"",""collectionName"":""C""},""contentType"":""eclecticiq-json"",""updateStrategy"":""append"",""intervalMinutes"":15,""filter"":{""maxTlp"":""amber""}}")]
public sealed record OutgoingFeedRequest(
    string Name,
    string? Description,
    bool Enabled = true,
    IReadOnlyList<int>? DatasetIds = null,
    IReadOnlyList<int>? GroupIds = null,
    OutgoingTransportRequest? Transport = null,
    FeedContentType ContentType = FeedContentType.EclecticIqJson,
    UpdateStrategy UpdateStrategy = UpdateStrategy.Append,
    string? Schedule = null,
    int? IntervalMinutes = null,
    OutgoingFeedFilterDto? Filter = null,
    IReadOnlyList<int>? IncomingFeedIds = null,
    IReadOnlyList<int>? SourceGroupIds = null);
