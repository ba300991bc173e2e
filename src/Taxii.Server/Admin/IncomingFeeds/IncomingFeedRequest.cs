using Taxii.Core.Feeds;

namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>
/// An incoming feed into <c>datasetId</c>. <c>contentType</c>: <c>eclecticiq-json</c>, <c>stix-1.2</c> (reads STIX 1.0 to
/// 1.2), <c>csv</c>, <c>plain-text</c>, or none to detect it from each package's content binding. <c>schedule</c> (cron,
/// UTC) or <c>intervalMinutes</c> apply to TAXII poll and mount-point feeds.
/// </summary>
[OpenApiExample(@"{""name"":""From Alice"",""description"":""Alice's shared intelligence"",""enabled"":true,""datasetId"":1,""groupIds"":[1],""transport"":{""type"":""taxii-poll"",""pollUrl"":""https://alice.example/taxii-poll-service/"",""collectionName"":""C"",""taxiiVersion"":""1.1"",""username"":""barbara-automation"",""password"":""…""},""contentType"":""eclecticiq-json"",""intervalMinutes"":15}")]
public sealed record IncomingFeedRequest(
    string Name,
    string? Description,
    bool Enabled = true,
    int DatasetId = 0,
    IReadOnlyList<int>? GroupIds = null,
    IncomingTransportRequest? Transport = null,
    FeedContentType? ContentType = null,
    string? Schedule = null,
    int? IntervalMinutes = null);
