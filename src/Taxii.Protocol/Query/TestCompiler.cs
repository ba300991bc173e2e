using System.Text.RegularExpressions;

namespace Taxii.Protocol.Query;

/// <summary>
/// Turns a <see cref="CriterionTest"/> into a predicate over one node's value, checking relationships and parameters
/// against [Q] §5. An undefined relationship or a bad parameter is BAD_MESSAGE: [Q] only asks for "a Status Message
/// that identifies the error", and the query, not the service, is at fault.
/// </summary>
internal static class TestCompiler
{
    /// <summary>Longest regular expression accepted; NonBacktracking construction cost grows with the pattern.</summary>
    public const int MaxPatternLength = 2048;

    /// <summary>Belt and braces: NonBacktracking is linear in the input, but a timeout still bounds a huge value.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public static CompiledTest Compile(CriterionTest test)
    {
        var parameters = ReadParameters(test);
        var relationship = test.Relationship.Trim();
        return test.CapabilityId.Trim() switch
        {
            CapabilityModules.Core => CompileCore(relationship, parameters),
            CapabilityModules.Regex => CompileRegex(relationship, parameters),
            CapabilityModules.Timestamp => CompileTimestamp(relationship, parameters),
            var other => throw new InvalidOperationException($"module {other} is not implemented"),
        };
    }

    private static CompiledTest CompileCore(string relationship, Parameters p)
    {
        const string Module = "core";
        switch (relationship)
        {
            case Relationships.Equal or Relationships.NotEquals:
                {
                    p.Allow(Module, relationship, TestParameters.Value, TestParameters.MatchType);
                    var value = p.Required(Module, relationship, TestParameters.Value);
                    var matchType = p.Required(Module, relationship, TestParameters.MatchType).Trim();
                    var negate = relationship == Relationships.NotEquals;

                    // a node that is not a number is neither equal nor unequal to a number: it never passes
                    return CompiledTest.PerNode(matchType switch
                    {
                        TestParameters.CaseSensitiveString => v => string.Equals(v, value, StringComparison.Ordinal) != negate,
                        TestParameters.CaseInsensitiveString =>
                            v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase) != negate,
                        TestParameters.Number => NumberTest(Module, relationship, value, c => (c == 0) != negate),
                        _ => throw Bad($"match_type '{matchType}' of core/{relationship} is not one of "
                            + $"{TestParameters.CaseSensitiveString}, {TestParameters.CaseInsensitiveString}, {TestParameters.Number}."),
                    });
                }

            case Relationships.GreaterThan or Relationships.GreaterThanOrEqual
                or Relationships.LessThan or Relationships.LessThanOrEqual:
                p.Allow(Module, relationship, TestParameters.Value);
                return CompiledTest.PerNode(NumberTest(
                    Module, relationship, p.Required(Module, relationship, TestParameters.Value), Order(relationship)));

            case Relationships.Exists or Relationships.DoesNotExist:
                p.Allow(Module, relationship);
                return relationship == Relationships.Exists ? CompiledTest.Exists : CompiledTest.DoesNotExist;

            case Relationships.BeginsWith or Relationships.EndsWith or Relationships.Contains:
                {
                    p.Allow(Module, relationship, TestParameters.Value, TestParameters.CaseSensitive);
                    var value = p.Required(Module, relationship, TestParameters.Value);
                    var comparison = p.CaseSensitive(Module, relationship)
                        ? StringComparison.Ordinal
                        : StringComparison.OrdinalIgnoreCase;
                    return CompiledTest.PerNode(relationship switch
                    {
                        Relationships.BeginsWith => v => v.StartsWith(value, comparison),
                        Relationships.EndsWith => v => v.EndsWith(value, comparison),
                        _ => v => v.Contains(value, comparison),
                    });
                }

            default:
                throw Bad($"Relationship '{relationship}' is not defined by the core capability module.");
        }
    }

    private static CompiledTest CompileRegex(string relationship, Parameters p)
    {
        const string Module = "regex";
        if (relationship != Relationships.Matches)
        {
            throw Bad($"Relationship '{relationship}' is not defined by the regex capability module (only 'matches').");
        }

        p.Allow(Module, relationship, TestParameters.Value, TestParameters.CaseSensitive);
        var pattern = p.Required(Module, relationship, TestParameters.Value);
        if (pattern.Length > MaxPatternLength)
        {
            throw Bad($"The regex/matches pattern is longer than {MaxPatternLength} characters.");
        }

        // NonBacktracking runs in time linear in the input (no ReDoS); it refuses backreferences and lookarounds,
        // which the CybOX regex subset [Q] §5.2 refers to does not need
        var options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
        if (!p.CaseSensitive(Module, relationship))
        {
            options |= RegexOptions.IgnoreCase;
        }

        Regex regex;
        try
        {
            regex = new Regex(pattern, options, RegexTimeout);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw Bad($"The regex/matches pattern '{pattern}' is not supported: {e.Message}");
        }

        // an unanchored search, as in PCRE and CybOX FitsPattern; anchor with ^...$ for a whole-value match
        return CompiledTest.PerNode(v =>
        {
            try
            {
                return regex.IsMatch(v);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        });
    }

    private static CompiledTest CompileTimestamp(string relationship, Parameters p)
    {
        const string Module = "timestamp";
        Func<int, bool> order = relationship switch
        {
            Relationships.Equal => c => c == 0,
            Relationships.GreaterThan => c => c > 0,
            Relationships.LessThan => c => c < 0,

            // [Q] §5.3 spells these with a trailing s, libtaxii without: accept both
            Relationships.GreaterThanOrEquals or Relationships.GreaterThanOrEqual => c => c >= 0,
            Relationships.LessThanOrEquals or Relationships.LessThanOrEqual => c => c <= 0,
            _ => throw Bad($"Relationship '{relationship}' is not defined by the timestamp capability module."),
        };
        p.Allow(Module, relationship, TestParameters.Value);
        var text = p.Required(Module, relationship, TestParameters.Value);
        if (!QueryValues.TryParseTimestamp(text, requireZone: true, out var operand))
        {
            throw Bad($"The value '{text}' of timestamp/{relationship} is not an RFC 3339 timestamp with a time zone.");
        }

        return CompiledTest.PerNode(v =>
            QueryValues.TryParseTimestamp(v, requireZone: false, out var node) && order(node.CompareTo(operand)));
    }

    private static Func<string, bool> NumberTest(string module, string relationship, string text, Func<int, bool> order)
    {
        if (!QueryValues.TryParseNumber(text, out var operand))
        {
            throw Bad($"The value '{text}' of {module}/{relationship} is not a number.");
        }

        return v => QueryValues.TryParseNumber(v, out var node) && order(node.CompareTo(operand));
    }

    private static Func<int, bool> Order(string relationship) => relationship switch
    {
        Relationships.GreaterThan => c => c > 0,
        Relationships.GreaterThanOrEqual => c => c >= 0,
        Relationships.LessThan => c => c < 0,
        _ => c => c <= 0,
    };

    private static Parameters ReadParameters(CriterionTest test)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in test.Parameters)
        {
            if (!values.TryAdd(parameter.Name.Trim(), parameter.Value))
            {
                throw Bad($"Parameter '{parameter.Name}' is given twice in a {test.Relationship} test.");
            }
        }

        return new Parameters(values);
    }

    private static DefaultQueryException Bad(string message) => DefaultQueryException.BadMessage(message);

    private sealed class Parameters(Dictionary<string, string> values)
    {
        public void Allow(string module, string relationship, params string[] names)
        {
            foreach (var name in values.Keys)
            {
                if (Array.IndexOf(names, name) < 0)
                {
                    throw Bad($"Parameter '{name}' is not defined for {module}/{relationship}"
                        + (names.Length == 0 ? ", which takes none." : $" (expected {string.Join(", ", names)})."));
                }
            }
        }

        public string Required(string module, string relationship, string name) =>
            values.TryGetValue(name, out var value) ? value : throw Bad($"{module}/{relationship} needs the parameter '{name}'.");

        public bool CaseSensitive(string module, string relationship) =>
            !values.TryGetValue(TestParameters.CaseSensitive, out var text)
            || DefaultQueryReader.ParseBoolean(text, $"Parameter case_sensitive of {module}/{relationship}");
    }
}
