using Taxii.Core.Feeds;

namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>
/// An outgoing feed. <c>schedule</c>: a five-field cron expression in UTC, or <c>intervalMinutes</c> (dividing an hour
/// or a day); neither: on demand only. <c>updateStrategy</c>: append, replace or diff.
/// </summary>
[OpenApiExample(@"{""name"":""Alice to Barbara"",""description"":""Everything in the shared dataset"",""enabled"":true,""datasetIds"":[1],""groupIds"":[1],""transport"":{""type"":""taxii-poll"",""collectionName"":""C""},""contentType"":""eclecticiq-json"",""updateStrategy"":""append"",""intervalMinutes"":15,""filter"":{""maxTlp"":""amber""}}")]
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
    OutgoingFeedFilterDto? Filter = null);
