using System.Xml;
using Taxii.Core.Entities;
using static Taxii.Feeds.ContentTypes.Stix.StixNamespaces;

namespace Taxii.Feeds.ContentTypes.Stix;

/// <summary>The pieces STIX components share: title, description, TLP handling, information source, relations.</summary>
internal static class StixParts
{
    /// <summary>The component an entity is written as, with its id, timestamp and the id prefixes it must declare.</summary>
    public static void Open(XmlWriter w, string name, string ns, string? xsiType, FeedEntity e, bool timestamp = true)
    {
        w.WriteStartElement(name, ns);
        var id = StixIds.For(e.ExternalId);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var other in e.Relations.Select(r => StixIds.For(r.TargetExternalId)).Prepend(id))
        {
            if (StixIds.UndeclaredPrefix(other) is { } prefix && declared.Add(prefix))
            {
                w.WriteAttributeString("xmlns", prefix, null, IdPrefixNamespaceBase + prefix);
            }
        }

        if (xsiType is not null)
        {
            w.WriteAttributeString("xsi", "type", Xsi, xsiType);
        }

        w.WriteAttributeString("id", id);
        if (timestamp && e.UpdatedAt is { } updated)
        {
            w.WriteAttributeString("timestamp", XmlConvert.ToString(updated.ToUniversalTime()));
        }
    }

    public static void Text(XmlWriter w, string name, string ns, string? text)
    {
        if (text is not null)
        {
            w.WriteElementString(name, ns, StixText.Clean(text));
        }
    }

    public static void TitleAndDescription(XmlWriter w, string ns, FeedEntity e)
    {
        Text(w, "Title", ns, e.Title);
        Text(w, "Description", ns, e.Description);
    }

    /// <summary>TLP as a component marking that covers the component and everything in it.</summary>
    public static void Handling(XmlWriter w, string ns, FeedEntity e)
    {
        if (e.Tlp is not { } tlp)
        {
            return;
        }

        w.WriteStartElement("Handling", ns);
        w.WriteStartElement("Marking", Marking);
        w.WriteElementString("Controlled_Structure", Marking, "../../../descendant-or-self::node() | ../../../descendant-or-self::node()/@*");
        w.WriteStartElement("Marking_Structure", Marking);
        w.WriteAttributeString("xsi", "type", Xsi, "tlpMarking:TLPMarkingStructureType");
        w.WriteAttributeString("color", FeedNames.Of(tlp).ToUpperInvariant());
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>
    /// Sources as contributing sources; the Admiralty reliability grade has no STIX field, so it goes in the
    /// source's description (<c>Reliability: B</c>) rather than being lost.
    /// </summary>
    public static void InformationSource(XmlWriter w, string name, string ns, FeedEntity e)
    {
        if (e.Sources.Count == 0 && e.Reliability is null)
        {
            return;
        }

        w.WriteStartElement(name, ns);
        if (e.Reliability is { } reliability)
        {
            w.WriteElementString("Description", Common, $"Reliability: {reliability}");
        }

        if (e.Sources.Count > 0)
        {
            w.WriteStartElement("Contributing_Sources", Common);
            foreach (var source in e.Sources)
            {
                w.WriteStartElement("Source", Common);
                w.WriteStartElement("Identity", Common);
                w.WriteElementString("Name", Common, StixText.Clean(source));
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>
    /// The relations of one type as idrefs: <c>&lt;container&gt;&lt;item&gt;&lt;stixCommon:target idref/&gt;</c>, or one
    /// <c>item</c> per relation when <paramref name="container"/> is null (Indicated_TTP), or items that carry the
    /// idref themselves when <paramref name="target"/> is null (a report's lists).
    /// </summary>
    public static void Relations(XmlWriter w, FeedEntity e, string type, string ns, string? container, string item, string? target, string? itemNs = null)
    {
        var first = true;
        foreach (var r in e.Relations)
        {
            if (r.Type != type)
            {
                continue;
            }

            if (first && container is not null)
            {
                w.WriteStartElement(container, ns);
            }

            first = false;
            w.WriteStartElement(item, itemNs ?? ns);
            if (target is not null)
            {
                w.WriteStartElement(target, Common);
            }

            w.WriteAttributeString("idref", StixIds.For(r.TargetExternalId));
            if (target is not null)
            {
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        if (!first && container is not null)
        {
            w.WriteEndElement();
        }
    }

}
