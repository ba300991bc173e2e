namespace Taxii.Protocol.Messages;

/// <summary>
/// One TAXII 1.1 <c>Status_Detail/Detail</c>; a list value is one Detail per item. The value is the Detail's text
/// (or its verbatim inner XML when it holds elements).
/// </summary>
public sealed record StatusDetail(string Name, string Value);
