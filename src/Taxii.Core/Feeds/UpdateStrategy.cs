namespace Taxii.Core.Feeds;

/// <summary>What each run of an outgoing feed publishes, relative to what the last successful run published.</summary>
public enum UpdateStrategy
{
    /// <summary>Only entities new or changed since the last successful run.</summary>
    Append,

    /// <summary>All current content, every run.</summary>
    Replace,

    /// <summary>What was added (new or changed) and what was removed since the last successful run.</summary>
    Diff,
}
