namespace Taxii.Protocol.Query;

/// <summary>
/// A <c>tdq:Targeting_Expression_Info</c>: a targeting expression vocabulary and the scopes (themselves targeting
/// expressions; <c>**</c> means everything) that queries in it may use. At least one scope must be given.
/// </summary>
public sealed record TargetingExpressionInfo(
    string TargetingExpressionId,
    IReadOnlyList<string> PreferredScopes,
    IReadOnlyList<string> AllowedScopes);
