namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>Runs newest first; pass <see cref="Next"/> back as <c>before</c> for older ones (null on the last page).</summary>
public sealed record OutgoingFeedRunPage(IReadOnlyList<OutgoingFeedRunDto> Items, long? Next);
