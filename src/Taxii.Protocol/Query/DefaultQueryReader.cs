using System.Xml;

namespace Taxii.Protocol.Query;

/// <summary>
/// Pull parser for the tdq elements. Each Read* method starts on its element's start tag and ends just past its end
/// tag, so nothing is buffered beyond the current node.
/// </summary>
internal static class DefaultQueryReader
{
    private const string Ns = DefaultQueryNames.Namespace;

    public static DefaultQuery ReadQuery(XmlReader reader)
    {
        ExpectRoot(reader, "Default_Query");
        var targetingExpressionId = RequiredAttribute(reader, "targeting_expression_id");
        if (reader.IsEmptyElement)
        {
            throw Bad("Default_Query must contain one Criteria.");
        }

        reader.Read();
        MoveToChild(reader, "Default_Query");
        if (!IsTdq(reader, "Criteria"))
        {
            throw Bad($"Default_Query must contain one Criteria, not {Describe(reader)}.");
        }

        var nodes = 0;
        var criteria = ReadCriteria(reader, 1, ref nodes);
        ExpectEnd(reader, "Default_Query");
        return new DefaultQuery(targetingExpressionId, criteria);
    }

    public static DefaultQueryInfo ReadInfo(XmlReader reader)
    {
        ExpectRoot(reader, "Default_Query_Info");
        var expressions = new List<TargetingExpressionInfo>();
        var modules = new List<string>();
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (MoveToChild(reader, "Default_Query_Info"))
            {
                if (IsTdq(reader, "Targeting_Expression_Info") && modules.Count == 0)
                {
                    expressions.Add(ReadTargetingExpressionInfo(reader));
                }
                else if (IsTdq(reader, "Capability_Module") && expressions.Count > 0)
                {
                    modules.Add(ReadText(reader));
                }
                else
                {
                    throw Bad($"Unexpected {Describe(reader)} in Default_Query_Info "
                        + "(expected Targeting_Expression_Info, then one or more Capability_Module).");
                }
            }
        }

        reader.Read();
        if (expressions.Count == 0 || modules.Count == 0)
        {
            throw Bad("Default_Query_Info needs a Targeting_Expression_Info and at least one Capability_Module.");
        }

        return new DefaultQueryInfo(expressions, modules);
    }

    private static TargetingExpressionInfo ReadTargetingExpressionInfo(XmlReader reader)
    {
        // optional in the XSD, but the element is meaningless without it ([Q] §3.2 lists it as required)
        var id = RequiredAttribute(reader, "targeting_expression_id");
        var preferred = new List<string>();
        var allowed = new List<string>();
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (MoveToChild(reader, "Targeting_Expression_Info"))
            {
                if (IsTdq(reader, "Preferred_Scope") && allowed.Count == 0)
                {
                    preferred.Add(ReadText(reader));
                }
                else if (IsTdq(reader, "Allowed_Scope"))
                {
                    allowed.Add(ReadText(reader));
                }
                else
                {
                    throw Bad($"Unexpected {Describe(reader)} in Targeting_Expression_Info "
                        + "(expected Preferred_Scope elements, then Allowed_Scope elements).");
                }
            }
        }

        reader.Read();
        if (preferred.Count == 0 && allowed.Count == 0)
        {
            throw Bad($"Targeting_Expression_Info '{id}' needs at least one Preferred_Scope or Allowed_Scope.");
        }

        return new TargetingExpressionInfo(id, preferred, allowed);
    }

    private static Criteria ReadCriteria(XmlReader reader, int depth, ref int nodes)
    {
        if (depth > DefaultQueryXml.MaxCriteriaDepth)
        {
            throw Bad($"Criteria are nested deeper than {DefaultQueryXml.MaxCriteriaDepth} levels.");
        }

        CountNode(ref nodes);
        var op = RequiredAttribute(reader, "operator") switch
        {
            "AND" => CriteriaOperator.And,
            "OR" => CriteriaOperator.Or,
            var other => throw Bad($"Criteria/@operator must be AND or OR, not '{other}'."),
        };
        var nested = new List<Criteria>();
        var criterion = new List<Criterion>();
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (MoveToChild(reader, "Criteria"))
            {
                if (IsTdq(reader, "Criteria"))
                {
                    nested.Add(ReadCriteria(reader, depth + 1, ref nodes));
                }
                else if (IsTdq(reader, "Criterion"))
                {
                    CountNode(ref nodes);
                    criterion.Add(ReadCriterion(reader));
                }
                else
                {
                    throw Bad($"Unexpected {Describe(reader)} in Criteria (expected Criteria or Criterion).");
                }
            }
        }

        reader.Read();
        if (nested.Count + criterion.Count == 0)
        {
            throw Bad("Criteria must contain at least one Criteria or Criterion.");
        }

        return new Criteria(op, nested, criterion);
    }

    private static Criterion ReadCriterion(XmlReader reader)
    {
        var negateText = reader.GetAttribute("negate");
        var negate = negateText is not null && ParseBoolean(negateText, "Criterion/@negate");
        if (reader.IsEmptyElement)
        {
            throw Bad("Criterion must contain Target and Test.");
        }

        reader.Read();
        if (!MoveToChild(reader, "Criterion") || !IsTdq(reader, "Target"))
        {
            throw Bad("Criterion must start with a Target.");
        }

        var target = ReadText(reader);
        if (!MoveToChild(reader, "Criterion") || !IsTdq(reader, "Test"))
        {
            throw Bad("Criterion must have a Test after its Target.");
        }

        var test = ReadTest(reader);
        ExpectEnd(reader, "Criterion");
        return new Criterion(target, test, negate);
    }

    private static CriterionTest ReadTest(XmlReader reader)
    {
        var capabilityId = RequiredAttribute(reader, "capability_id");
        var relationship = RequiredAttribute(reader, "relationship");
        var parameters = new List<TestParameter>();
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (MoveToChild(reader, "Test"))
            {
                if (!IsTdq(reader, "Parameter"))
                {
                    throw Bad($"Unexpected {Describe(reader)} in Test (expected Parameter).");
                }

                var name = RequiredAttribute(reader, "name");
                parameters.Add(new TestParameter(name, ReadText(reader)));
            }
        }

        reader.Read();
        return new CriterionTest(capabilityId, relationship, parameters);
    }

    public static bool ParseBoolean(string text, string what) => text.Trim() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw Bad($"{what} must be an xs:boolean (true, false, 1 or 0), not '{text}'."),
    };

    private static void ExpectRoot(XmlReader reader, string localName)
    {
        if (reader.NodeType != XmlNodeType.Element)
        {
            throw Bad($"Expected a tdq:{localName} element, found {reader.NodeType}.");
        }

        if (!string.Equals(reader.NamespaceURI, Ns, StringComparison.Ordinal))
        {
            // another namespace is another query format, which [S] answers with UNSUPPORTED_QUERY
            throw new DefaultQueryException(
                DefaultQueryStatus.UnsupportedQuery,
                $"{Describe(reader)} is not a TAXII Default Query 1.0 element.",
                new Dictionary<string, IReadOnlyList<string>>
                {
                    [DefaultQueryStatus.SupportedQueryDetail] = [DefaultQueryNames.FormatId],
                });
        }

        if (!string.Equals(reader.LocalName, localName, StringComparison.Ordinal))
        {
            throw Bad($"Expected tdq:{localName}, found {Describe(reader)}.");
        }
    }

    /// <summary>Skips to the next child element; false (on the parent's end tag) when there is none.</summary>
    private static bool MoveToChild(XmlReader reader, string parent)
    {
        reader.MoveToContent();
        return reader.NodeType switch
        {
            XmlNodeType.Element => true,
            XmlNodeType.EndElement => false,
            XmlNodeType.None => throw Bad($"Unexpected end of input inside {parent}."),
            _ => throw Bad($"Unexpected text in {parent}; it holds elements only."),
        };
    }

    private static void ExpectEnd(XmlReader reader, string parent)
    {
        if (MoveToChild(reader, parent))
        {
            throw Bad($"Unexpected {Describe(reader)} at the end of {parent}.");
        }

        reader.Read();
    }

    private static string ReadText(XmlReader reader) =>
        // throws an XmlException (reported as BAD_MESSAGE) when the element holds child elements
        reader.ReadElementContentAsString();

    private static string RequiredAttribute(XmlReader reader, string name)
    {
        var value = reader.GetAttribute(name);
        return value ?? throw Bad($"{reader.LocalName}/@{name} is required.");
    }

    private static bool IsTdq(XmlReader reader, string localName) =>
        string.Equals(reader.LocalName, localName, StringComparison.Ordinal)
        && string.Equals(reader.NamespaceURI, Ns, StringComparison.Ordinal);

    private static string Describe(XmlReader reader) =>
        reader.NamespaceURI.Length == 0 ? $"element '{reader.LocalName}'" : $"element '{{{reader.NamespaceURI}}}{reader.LocalName}'";

    private static void CountNode(ref int nodes)
    {
        if (++nodes > DefaultQueryXml.MaxCriteriaNodes)
        {
            throw Bad($"The query has more than {DefaultQueryXml.MaxCriteriaNodes} Criteria and Criterion elements.");
        }
    }

    private static DefaultQueryException Bad(string message) => DefaultQueryException.BadMessage(message);
}
