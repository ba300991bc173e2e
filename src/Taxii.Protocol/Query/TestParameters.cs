namespace Taxii.Protocol.Query;

/// <summary>Parameter names and enumerated values of the capability modules ([Q] §5).</summary>
public static class TestParameters
{
    /// <summary>The operand of the test.</summary>
    public const string Value = "value";

    /// <summary>How <c>equals</c>/<c>not_equals</c> compare: one of the three match types below.</summary>
    public const string MatchType = "match_type";

    /// <summary>xs:boolean for begins_with, ends_with, contains and matches; absent means true.</summary>
    public const string CaseSensitive = "case_sensitive";

    /// <summary>match_type: ordinal comparison.</summary>
    public const string CaseSensitiveString = "case_sensitive_string";

    /// <summary>match_type: comparison ignoring case.</summary>
    public const string CaseInsensitiveString = "case_insensitive_string";

    /// <summary>match_type: numeric comparison.</summary>
    public const string Number = "number";
}
