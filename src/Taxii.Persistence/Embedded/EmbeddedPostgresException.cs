namespace Taxii.Persistence.Embedded;

/// <summary>The embedded PostgreSQL server could not be found, initialised or started; the message says why and what to do.</summary>
public sealed class EmbeddedPostgresException(string message) : Exception(message);
