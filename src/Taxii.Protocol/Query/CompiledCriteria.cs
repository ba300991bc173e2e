namespace Taxii.Protocol.Query;

/// <summary>A Criteria ready to run; <see cref="Criterion"/> holds indexes into the matcher's criterion array.</summary>
internal sealed record CompiledCriteria(bool IsAnd, CompiledCriteria[] Nested, int[] Criterion)
{
    /// <summary>[Q] §3.3: AND is true when every child is true, OR when at least one is.</summary>
    public bool Evaluate(bool[] criterionOutcomes)
    {
        foreach (var nested in Nested)
        {
            if (nested.Evaluate(criterionOutcomes) != IsAnd)
            {
                return !IsAnd;
            }
        }

        foreach (var index in Criterion)
        {
            if (criterionOutcomes[index] != IsAnd)
            {
                return !IsAnd;
            }
        }

        return IsAnd;
    }
}
