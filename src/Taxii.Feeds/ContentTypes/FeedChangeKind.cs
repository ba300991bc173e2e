namespace Taxii.Feeds.ContentTypes;

public enum FeedChangeKind
{
    /// <summary>New or changed since the last run (every entity, under Append and Replace).</summary>
    Add,

    /// <summary>Published by the last run and gone since (deleted, or filtered out); Diff only.</summary>
    Remove,
}
