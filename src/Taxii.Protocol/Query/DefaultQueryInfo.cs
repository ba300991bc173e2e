namespace Taxii.Protocol.Query;

/// <summary>
/// A <c>tdq:Default_Query_Info</c>, the body of a Supported_Query: the targeting expressions a service accepts and
/// the capability modules it implements.
/// </summary>
/// <remarks>
/// [Q] allows 1-n Targeting_Expression_Info but the official XSD allows exactly one, so the parser accepts several and
/// a service that wants schema-valid output should advertise one per Supported_Query.
/// </remarks>
public sealed record DefaultQueryInfo(
    IReadOnlyList<TargetingExpressionInfo> TargetingExpressions,
    IReadOnlyList<string> CapabilityModules);
