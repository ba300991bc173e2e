namespace Taxii.Protocol.Messages;

/// <summary>
/// A TAXII 1.1 Query: its format_id and the verbatim outer XML of its single child element, with every in-scope
/// namespace declared on that element (for example a <c>tdq:Default_Query</c>).
/// </summary>
public sealed record TaxiiQuery(string FormatId, string Xml);
