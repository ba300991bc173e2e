namespace Taxii.Feeds.Ingestion;

/// <summary>A source could not fetch (the remote refused, the directory is not allowed, …); the message goes on the run as it is.</summary>
public sealed class IncomingSourceException(string message, Exception? innerException = null) : Exception(message, innerException);
