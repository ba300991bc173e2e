namespace Taxii.Protocol.Query;

/// <summary>A Criterion ready to run: its parsed target, its compiled test and whether to negate the outcome.</summary>
internal sealed record CompiledCriterion(TargetingExpression Target, CompiledTest Test, bool Negate);
