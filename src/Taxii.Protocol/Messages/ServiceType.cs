namespace Taxii.Protocol.Messages;

/// <summary>Service_Instance service_type.</summary>
public enum ServiceType
{
    Discovery,

    /// <summary>COLLECTION_MANAGEMENT in 1.1, FEED_MANAGEMENT in 1.0.</summary>
    CollectionManagement,
    Inbox,
    Poll,
}
