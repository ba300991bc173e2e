using System.Xml;

namespace Taxii.Protocol.Query;

/// <summary>Writes the tdq elements in XSD order, refusing models the XSD would reject.</summary>
internal static class DefaultQueryWriter
{
    private const string Ns = DefaultQueryNames.Namespace;
    private const string Prefix = DefaultQueryNames.Prefix;

    public static void WriteQuery(XmlWriter w, DefaultQuery query)
    {
        w.WriteStartElement(Prefix, "Default_Query", Ns);
        w.WriteAttributeString("targeting_expression_id", query.TargetingExpressionId);
        WriteCriteria(w, query.Criteria);
        w.WriteEndElement();
    }

    public static void WriteInfo(XmlWriter w, DefaultQueryInfo info)
    {
        if (info.TargetingExpressions.Count == 0 || info.CapabilityModules.Count == 0)
        {
            throw new ArgumentException(
                "Default_Query_Info needs a Targeting_Expression_Info and at least one Capability_Module.", nameof(info));
        }

        w.WriteStartElement(Prefix, "Default_Query_Info", Ns);
        foreach (var expression in info.TargetingExpressions)
        {
            if (expression.PreferredScopes.Count + expression.AllowedScopes.Count == 0)
            {
                throw new ArgumentException(
                    $"Targeting_Expression_Info '{expression.TargetingExpressionId}' needs at least one scope.", nameof(info));
            }

            w.WriteStartElement(Prefix, "Targeting_Expression_Info", Ns);
            w.WriteAttributeString("targeting_expression_id", expression.TargetingExpressionId);
            foreach (var scope in expression.PreferredScopes)
            {
                w.WriteElementString(Prefix, "Preferred_Scope", Ns, scope);
            }

            foreach (var scope in expression.AllowedScopes)
            {
                w.WriteElementString(Prefix, "Allowed_Scope", Ns, scope);
            }

            w.WriteEndElement();
        }

        foreach (var module in info.CapabilityModules)
        {
            w.WriteElementString(Prefix, "Capability_Module", Ns, module);
        }

        w.WriteEndElement();
    }

    private static void WriteCriteria(XmlWriter w, Criteria criteria)
    {
        if (criteria.NestedCriteria.Count + criteria.Criterion.Count == 0)
        {
            throw new ArgumentException("Criteria must contain at least one Criteria or Criterion.", nameof(criteria));
        }

        w.WriteStartElement(Prefix, "Criteria", Ns);
        w.WriteAttributeString("operator", criteria.Operator == CriteriaOperator.And ? "AND" : "OR");

        // [Q] §3.1 lists child Criteria before Criterion
        foreach (var nested in criteria.NestedCriteria)
        {
            WriteCriteria(w, nested);
        }

        foreach (var criterion in criteria.Criterion)
        {
            w.WriteStartElement(Prefix, "Criterion", Ns);
            if (criterion.Negate)
            {
                // false is the XSD default, so it is left out
                w.WriteAttributeString("negate", "true");
            }

            w.WriteElementString(Prefix, "Target", Ns, criterion.Target);
            WriteTest(w, criterion.Test);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteTest(XmlWriter w, CriterionTest test)
    {
        w.WriteStartElement(Prefix, "Test", Ns);
        w.WriteAttributeString("capability_id", test.CapabilityId);
        w.WriteAttributeString("relationship", test.Relationship);
        foreach (var parameter in test.Parameters)
        {
            w.WriteStartElement(Prefix, "Parameter", Ns);
            w.WriteAttributeString("name", parameter.Name);
            w.WriteString(parameter.Value);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }
}
