using Taxii.Core.Entities;

namespace Taxii.Feeds.ContentTypes;

/// <summary>An observable as a feed writes it; <see cref="FirstSeen"/> is when Taxii first stored it (unknown for removals).</summary>
public sealed record FeedObservable(string Kind, string Value, Maliciousness Maliciousness, DateTimeOffset? FirstSeen);
