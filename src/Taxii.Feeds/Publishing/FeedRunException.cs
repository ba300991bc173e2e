namespace Taxii.Feeds.Publishing;

/// <summary>A run cannot go on for a reason its record states (a configuration the run found wrong).</summary>
public sealed class FeedRunException(string message) : Exception(message);
