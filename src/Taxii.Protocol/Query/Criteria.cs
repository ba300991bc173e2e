namespace Taxii.Protocol.Query;

/// <summary>
/// A <c>tdq:Criteria</c>: child Criteria and Criterion combined with <paramref name="Operator"/>; at least one child in total.
/// </summary>
/// <remarks>
/// The XSD's <c>CriteriaType</c> has no <c>negate</c> attribute (only Criterion has one), so neither has this record:
/// negate a group by negating its criteria (De Morgan). The two lists are kept apart because [Q] puts Criteria before
/// Criterion, which is also the order the writer emits.
/// </remarks>
public sealed record Criteria(
    CriteriaOperator Operator,
    IReadOnlyList<Criteria> NestedCriteria,
    IReadOnlyList<Criterion> Criterion)
{
    /// <summary>A group of criteria only.</summary>
    public Criteria(CriteriaOperator op, params IReadOnlyList<Criterion> criterion)
        : this(op, [], criterion)
    {
    }
}
