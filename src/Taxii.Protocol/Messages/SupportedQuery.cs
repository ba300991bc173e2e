namespace Taxii.Protocol.Messages;

/// <summary>A TAXII 1.1 Supported_Query: format_id and the optional outer XML of its child (e.g. tdq:Default_Query_Info).</summary>
public sealed record SupportedQuery(string FormatId, string? Xml);
