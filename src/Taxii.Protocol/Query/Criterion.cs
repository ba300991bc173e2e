namespace Taxii.Protocol.Query;

/// <summary>
/// A <c>tdq:Criterion</c>: apply <paramref name="Test"/> to the nodes that <paramref name="Target"/> (a targeting
/// expression such as <c>**/Address_Value</c>) selects, and invert the outcome when <paramref name="Negate"/> is set.
/// </summary>
public sealed record Criterion(string Target, CriterionTest Test, bool Negate = false);
