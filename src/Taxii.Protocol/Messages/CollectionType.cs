namespace Taxii.Protocol.Messages;

/// <summary>collection_type; TAXII 1.0 knows only data feeds.</summary>
public enum CollectionType
{
    DataFeed,
    DataSet,
}
