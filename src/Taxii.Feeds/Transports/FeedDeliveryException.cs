namespace Taxii.Feeds.Transports;

/// <summary>A transport could not deliver; the message goes on the run record as it is.</summary>
public sealed class FeedDeliveryException(string message, Exception? innerException = null) : Exception(message, innerException);
