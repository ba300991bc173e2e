namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>Runs newest first; pass <see cref="Next"/> back as <c>before</c> for older ones (null on the last page).</summary>
public sealed record IncomingFeedRunPage(IReadOnlyList<IncomingFeedRunDto> Items, long? Next);
