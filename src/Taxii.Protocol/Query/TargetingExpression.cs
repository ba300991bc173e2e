using System.Xml;

namespace Taxii.Protocol.Query;

/// <summary>
/// A parsed targeting expression ([Q] §4.1): nodes separated by <c>/</c>, where <c>*</c> is exactly one node,
/// <c>**</c> any number of nodes, and a last node <c>@name</c> (or <c>@*</c>) an attribute. Names are matched by local
/// name only: the STIX vocabulary ([Q] §4.2.1) names nodes without namespaces, so a prefix such as <c>stix:</c> is
/// dropped. A leading <c>**</c> also matches zero levels (<c>**/Title</c> includes a root Title); a trailing one needs at
/// least one (<c>STIX_Package/**</c> is everything below the package, <c>**</c> alone every element).
/// </summary>
internal sealed class TargetingExpression
{
    /// <summary>Longest expression accepted; the evaluator keeps one bit per element step.</summary>
    public const int MaxSteps = 60;

    private TargetingExpression(string text, IReadOnlyList<string> tokens, Step[] steps, string? attribute)
    {
        Text = text;
        Tokens = tokens;
        Steps = steps;
        Attribute = attribute;
    }

    /// <summary>The expression as written (trimmed).</summary>
    public string Text { get; }

    /// <summary>The normalised tokens (prefixes dropped), used for scope checks.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>The element steps, root first (a trailing <c>**</c> is expanded to <c>*</c>, <c>**</c>).</summary>
    public Step[] Steps { get; }

    /// <summary>The attribute leaf: a local name, <c>*</c> for any attribute, or null when the leaf is an element.</summary>
    public string? Attribute { get; }

    public static bool TryParse(string text, out TargetingExpression? expression, out string? error)
    {
        expression = null;
        var trimmed = text.Trim();
        var raw = trimmed.Split('/');
        if (trimmed.Length == 0 || raw.Length > MaxSteps)
        {
            error = trimmed.Length == 0 ? "it is empty" : $"it has more than {MaxSteps} nodes";
            return false;
        }

        var tokens = new List<string>(raw.Length);
        var steps = new List<Step>(raw.Length + 1);
        string? attribute = null;
        for (var i = 0; i < raw.Length; i++)
        {
            var token = raw[i].Trim();
            if (token.StartsWith('@'))
            {
                if (i != raw.Length - 1)
                {
                    error = $"the attribute node '{token}' is not the last node";
                    return false;
                }

                var name = token[1..];
                if (name != "*" && !TryLocalName(name, out name))
                {
                    error = $"'{token}' is not an attribute name";
                    return false;
                }

                attribute = name;
                tokens.Add("@" + name);
                continue;
            }

            switch (token)
            {
                case "**":
                    if (steps.Count > 0 && steps[^1].Kind == StepKind.AnyDepth)
                    {
                        continue; // '**/**' means the same as '**'
                    }

                    if (i == raw.Length - 1)
                    {
                        steps.Add(new Step(StepKind.AnyOne, null));
                    }

                    steps.Add(new Step(StepKind.AnyDepth, null));
                    tokens.Add(token);
                    break;
                case "*":
                    steps.Add(new Step(StepKind.AnyOne, null));
                    tokens.Add(token);
                    break;
                default:
                    if (!TryLocalName(token, out var local))
                    {
                        error = $"'{token}' is not a node name, '*' or '**'";
                        return false;
                    }

                    steps.Add(new Step(StepKind.Name, local));
                    tokens.Add(local);
                    break;
            }
        }

        if (steps.Count == 0)
        {
            error = "it names an attribute without an element path (write '**/@name')";
            return false;
        }

        error = null;
        expression = new TargetingExpression(trimmed, tokens, [.. steps], attribute);
        return true;
    }

    /// <summary>
    /// True when every node this expression can select is also selected by <paramref name="scope"/>: token by token,
    /// a scope <c>**</c> covers any run of tokens (attributes included), <c>*</c> covers one name or <c>*</c>, and a
    /// name or attribute covers itself.
    /// </summary>
    public bool IsWithin(TargetingExpression scope)
    {
        var s = scope.Tokens;
        var t = Tokens;

        // covered[i, j]: scope tokens from i cover target tokens from j
        var covered = new bool[s.Count + 1, t.Count + 1];
        covered[s.Count, t.Count] = true;
        for (var i = s.Count - 1; i >= 0; i--)
        {
            for (var j = t.Count; j >= 0; j--)
            {
                covered[i, j] = s[i] switch
                {
                    "**" => covered[i + 1, j] || (j < t.Count && covered[i, j + 1]),
                    "*" => j < t.Count && t[j] != "**" && !t[j].StartsWith('@') && covered[i + 1, j + 1],
                    "@*" => j < t.Count && t[j].StartsWith('@') && covered[i + 1, j + 1],
                    _ => j < t.Count && s[i] == t[j] && covered[i + 1, j + 1],
                };
            }
        }

        return covered[0, 0];
    }

    private static bool TryLocalName(string token, out string local)
    {
        var colon = token.IndexOf(':');
        local = colon >= 0 ? token[(colon + 1)..] : token;
        if (local.Length == 0 || colon == 0)
        {
            return false; // an empty node, as in 'a//b' or '/a'
        }

        try
        {
            XmlConvert.VerifyNCName(local);
            return colon < 0 || XmlConvert.VerifyNCName(token[..colon]).Length > 0;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    public enum StepKind
    {
        Name,
        AnyOne,
        AnyDepth,
    }

    public readonly record struct Step(StepKind Kind, string? Name);
}
