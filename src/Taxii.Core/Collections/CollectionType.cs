namespace Taxii.Core.Collections;

public enum CollectionType
{
    /// <summary>An ordered, append-only stream: polls ask for time windows.</summary>
    DataFeed,

    /// <summary>An unordered set: polls return everything.</summary>
    DataSet,
}
