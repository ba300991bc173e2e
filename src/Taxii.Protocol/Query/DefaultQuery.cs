namespace Taxii.Protocol.Query;

/// <summary>
/// A TAXII Default Query 1.0 (<c>tdq:Default_Query</c>): one root <see cref="Criteria"/> whose targets are
/// written in the vocabulary named by <paramref name="TargetingExpressionId"/> (for STIX, the content binding id).
/// </summary>
public sealed record DefaultQuery(string TargetingExpressionId, Criteria Criteria);
