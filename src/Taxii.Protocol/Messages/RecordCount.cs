namespace Taxii.Protocol.Messages;

/// <summary>TAXII 1.1 Record_Count; PartialCount = the value is a lower bound.</summary>
public sealed record RecordCount(long Value, bool PartialCount = false);
