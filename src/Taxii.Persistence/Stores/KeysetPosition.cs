namespace Taxii.Persistence.Stores;

/// <summary>A place in a collection's keyset order (timestamp_label, id); used as a cursor between poll parts.</summary>
public readonly record struct KeysetPosition(DateTimeOffset Label, long Id);
