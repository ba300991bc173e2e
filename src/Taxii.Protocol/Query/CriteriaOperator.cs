namespace Taxii.Protocol.Query;

/// <summary>The <c>@operator</c> of a <c>tdq:Criteria</c>; the XSD allows exactly <c>AND</c> and <c>OR</c>.</summary>
public enum CriteriaOperator
{
    /// <summary><c>AND</c>: every child must be true.</summary>
    And,

    /// <summary><c>OR</c>: at least one child must be true.</summary>
    Or,
}
