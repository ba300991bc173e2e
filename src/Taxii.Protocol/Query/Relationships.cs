namespace Taxii.Protocol.Query;

/// <summary>Relationship names of the capability modules ([Q] §5; test the <c>@relationship</c> of a Test).</summary>
public static class Relationships
{
    /// <summary>core (value, match_type) and timestamp (value).</summary>
    public const string Equal = "equals";

    /// <summary>core (value, match_type).</summary>
    public const string NotEquals = "not_equals";

    /// <summary>core (numeric value) and timestamp (value).</summary>
    public const string GreaterThan = "greater_than";

    /// <summary>core (numeric value); the spelling [LT] also uses for timestamp.</summary>
    public const string GreaterThanOrEqual = "greater_than_or_equal";

    /// <summary>core (numeric value) and timestamp (value).</summary>
    public const string LessThan = "less_than";

    /// <summary>core (numeric value); the spelling [LT] also uses for timestamp.</summary>
    public const string LessThanOrEqual = "less_than_or_equal";

    /// <summary>timestamp, as [Q] §5.3 spells it (with a trailing s); both spellings are accepted.</summary>
    public const string GreaterThanOrEquals = "greater_than_or_equals";

    /// <summary>timestamp, as [Q] §5.3 spells it (with a trailing s); both spellings are accepted.</summary>
    public const string LessThanOrEquals = "less_than_or_equals";

    /// <summary>core, no parameters: the target selects no node.</summary>
    public const string DoesNotExist = "does_not_exist";

    /// <summary>core, no parameters: the target selects at least one node.</summary>
    public const string Exists = "exists";

    /// <summary>core (value, case_sensitive).</summary>
    public const string BeginsWith = "begins_with";

    /// <summary>core (value, case_sensitive).</summary>
    public const string EndsWith = "ends_with";

    /// <summary>core (value, case_sensitive).</summary>
    public const string Contains = "contains";

    /// <summary>regex (value, case_sensitive).</summary>
    public const string Matches = "matches";
}
