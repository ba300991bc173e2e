using System.Xml;
using Taxii.Core.Entities;
using static Taxii.Feeds.ContentTypes.Stix.StixNamespaces;
using static Taxii.Feeds.ContentTypes.Stix.StixParts;

namespace Taxii.Feeds.ContentTypes.Stix;

/// <summary>
/// One STIX 1.2 component per entity, its children in schema order. Relations are written as idrefs where the
/// component has a slot for their type (<c>indicated-ttp</c> → Indicated_TTP, <c>related-indicator</c> →
/// Related_Indicators, …); a relation type a component has no slot for is left out, because STIX 1.2 has no generic
/// relationship to put it in. Type-specific Data has no STIX field either (EclecticIQ JSON carries it).
/// </summary>
internal static class StixEntities
{
    public static void Write(XmlWriter w, FeedEntity e)
    {
        switch (e.Type)
        {
            case EntityType.ObservableOnly or EntityType.Sighting:
                Observable(w, e);
                break;
            case EntityType.Indicator:
                Indicator(w, e);
                break;
            case EntityType.Ttp:
                Ttp(w, e);
                break;
            case EntityType.ExploitTarget:
                ExploitTarget(w, e);
                break;
            case EntityType.Incident:
                Incident(w, e);
                break;
            case EntityType.CourseOfAction:
                CourseOfAction(w, e);
                break;
            case EntityType.Campaign:
                Campaign(w, e);
                break;
            case EntityType.ThreatActor:
                ThreatActor(w, e);
                break;
            case EntityType.Report:
                Report(w, e);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.Type, "unknown entity type");
        }
    }

    /// <summary>
    /// Observable-only entities and sightings are top-level CybOX observables (a sighting with
    /// <c>sighting_count="1"</c>): STIX 1.2 has no top-level sighting, and an indicator's Sightings would turn a
    /// sighting into an indicator. CybOX observables have no handling, so their TLP cannot be marked per entity.
    /// </summary>
    private static void Observable(XmlWriter w, FeedEntity e)
    {
        Open(w, "Observable", Cybox, null, e, timestamp: false);
        if (e.Type == EntityType.Sighting)
        {
            w.WriteAttributeString("sighting_count", "1");
        }

        TitleAndDescription(w, Cybox, e);
        StixObservables.WriteContent(w, e.Observables, pattern: false);
        w.WriteEndElement();
    }

    private static void Indicator(XmlWriter w, FeedEntity e)
    {
        const string ns = StixNamespaces.Indicator;
        Open(w, "Indicator", StixNamespaces.Core, "indicator:IndicatorType", e);
        TitleAndDescription(w, ns, e);
        if (e.ValidFrom is { } from)
        {
            w.WriteStartElement("Valid_Time_Position", ns);
            w.WriteElementString("Start_Time", ns, XmlConvert.ToString(from.ToUniversalTime()));
            w.WriteEndElement();
        }

        if (e.Observables.Count > 0)
        {
            w.WriteStartElement("Observable", ns);
            StixObservables.WriteContent(w, e.Observables, pattern: true);
            w.WriteEndElement();
        }

        Relations(w, e, "indicated-ttp", ns, null, "Indicated_TTP", "TTP");
        Handling(w, ns, e);
        Relations(w, e, "related-indicator", ns, "Related_Indicators", "Related_Indicator", "Indicator");
        Relations(w, e, "related-campaign", ns, "Related_Campaigns", "Related_Campaign", "Campaign");
        InformationSource(w, "Producer", ns, e);
        w.WriteEndElement();
    }

    /// <summary>A TTP's observables describe its infrastructure (Resources/Infrastructure/Observable_Characterization).</summary>
    private static void Ttp(XmlWriter w, FeedEntity e)
    {
        const string ns = StixNamespaces.Ttp;
        Open(w, "TTP", StixNamespaces.Core, "ttp:TTPType", e);
        TitleAndDescription(w, ns, e);
        if (e.Observables.Count > 0)
        {
            w.WriteStartElement("Resources", ns);
            w.WriteStartElement("Infrastructure", ns);
            StixObservables.WriteList(w, "Observable_Characterization", ns, e.Observables);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        Relations(w, e, "exploit-target", ns, "Exploit_Targets", "Exploit_Target", "Exploit_Target");
        Relations(w, e, "related-ttp", ns, "Related_TTPs", "Related_TTP", "TTP");
        InformationSource(w, "Information_Source", ns, e);
        Handling(w, ns, e);
        w.WriteEndElement();
    }

    /// <summary>CVE observables become vulnerabilities; an exploit target has no slot for other observables.</summary>
    private static void ExploitTarget(XmlWriter w, FeedEntity e)
    {
        const string ns = StixNamespaces.ExploitTarget;
        Open(w, "Exploit_Target", Common, "et:ExploitTargetType", e);
        TitleAndDescription(w, ns, e);
        foreach (var cve in e.Observables.Where(o => o.Kind == ObservableKinds.Cve))
        {
            w.WriteStartElement("Vulnerability", ns);
            w.WriteElementString("CVE_ID", ns, StixText.Clean(cve.Value));
            w.WriteEndElement();
        }

        Relations(w, e, "potential-coa", ns, "Potential_COAs", "Potential_COA", "Course_Of_Action");
        InformationSource(w, "Information_Source", ns, e);
        Handling(w, ns, e);
        Relations(w, e, "related-exploit-target", ns, "Related_Exploit_Targets", "Related_Exploit_Target", "Exploit_Target");
        w.WriteEndElement();
    }

    private static void Incident(XmlWriter w, FeedEntity e)
    {
        const string ns = StixNamespaces.Incident;
        Open(w, "Incident", StixNamespaces.Core, "incident:IncidentType", e);
        TitleAndDescription(w, ns, e);
        Relations(w, e, "related-indicator", ns, "Related_Indicators", "Related_Indicator", "Indicator");
        if (e.Observables.Count > 0)
        {
            w.WriteStartElement("Related_Observables", ns);
            foreach (var o in e.Observables)
            {
                w.WriteStartElement("Related_Observable", ns);
                w.WriteStartElement("Observable", Common);
                StixObservables.WriteContent(w, [o], pattern: false);
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        Relations(w, e, "leveraged-ttp", ns, "Leveraged_TTPs", "Leveraged_TTP", "TTP");
        Relations(w, e, "attributed-threat-actor", ns, "Attributed_Threat_Actors", "Threat_Actor", "Threat_Actor");
        Relations(w, e, "related-incident", ns, "Related_Incidents", "Related_Incident", "Incident");
        InformationSource(w, "Information_Source", ns, e);
        Handling(w, ns, e);
        w.WriteEndElement();
    }

    /// <summary>A course of action's observables are what it acts on (Parameter_Observables).</summary>
    private static void CourseOfAction(XmlWriter w, FeedEntity e)
    {
        const string ns = StixNamespaces.CourseOfAction;
        Open(w, "Course_Of_Action", StixNamespaces.Core, "coa:CourseOfActionType", e);
        TitleAndDescription(w, ns, e);
        if (e.Observables.Count > 0)
        {
            StixObservables.WriteList(w, "Parameter_Observables", ns, e.Observables);
        }

        InformationSource(w, "Information_Source", ns, e);
        Handling(w, ns, e);
        Relations(w, e, "related-coa", ns, "Related_COAs", "Related_COA", "Course_Of_Action");
        w.WriteEndElement();
    }

    /// <summary>STIX 1.2 campaigns have no slot for observables; they reach consumers through related indicators.</summary>
    private static void Campaign(XmlWriter w, FeedEntity e)
    {
        const string ns = StixNamespaces.Campaign;
        Open(w, "Campaign", StixNamespaces.Core, "campaign:CampaignType", e);
        TitleAndDescription(w, ns, e);
        Relations(w, e, "related-ttp", ns, "Related_TTPs", "Related_TTP", "TTP");
        Relations(w, e, "related-incident", ns, "Related_Incidents", "Related_Incident", "Incident");
        Relations(w, e, "related-indicator", ns, "Related_Indicators", "Related_Indicator", "Indicator");
        Relations(w, e, "attributed-threat-actor", ns, "Attribution", "Attributed_Threat_Actor", "Threat_Actor");
        Relations(w, e, "associated-campaign", ns, "Associated_Campaigns", "Associated_Campaign", "Campaign");
        InformationSource(w, "Information_Source", ns, e);
        Handling(w, ns, e);
        w.WriteEndElement();
    }

    /// <summary>STIX 1.2 threat actors have no slot for observables; they reach consumers through indicators.</summary>
    private static void ThreatActor(XmlWriter w, FeedEntity e)
    {
        const string ns = StixNamespaces.ThreatActor;
        Open(w, "Threat_Actor", StixNamespaces.Core, "ta:ThreatActorType", e);
        TitleAndDescription(w, ns, e);
        Relations(w, e, "observed-ttp", ns, "Observed_TTPs", "Observed_TTP", "TTP");
        Relations(w, e, "associated-campaign", ns, "Associated_Campaigns", "Associated_Campaign", "Campaign");
        Relations(w, e, "associated-actor", ns, "Associated_Actors", "Associated_Actor", "Threat_Actor");
        Handling(w, ns, e);
        InformationSource(w, "Information_Source", ns, e);
        w.WriteEndElement();
    }

    /// <summary>A report lists what it covers by idref, one list per component type (<c>related-indicator</c>, …).</summary>
    private static void Report(XmlWriter w, FeedEntity e)
    {
        const string ns = StixNamespaces.Report;
        Open(w, "Report", StixNamespaces.Core, "report:ReportType", e);
        if (e.Title is not null || e.Description is not null || e.Tlp is not null || e.Sources.Count > 0 || e.Reliability is not null)
        {
            w.WriteStartElement("Header", ns);
            TitleAndDescription(w, ns, e);
            Handling(w, ns, e);
            InformationSource(w, "Information_Source", ns, e);
            w.WriteEndElement();
        }

        if (e.Observables.Count > 0)
        {
            StixObservables.WriteList(w, "Observables", ns, e.Observables);
        }

        Relations(w, e, "related-indicator", ns, "Indicators", "Indicator", null);
        Relations(w, e, "related-ttp", ns, "TTPs", "TTP", null);
        Relations(w, e, "related-exploit-target", ns, "Exploit_Targets", "Exploit_Target", null, Common);
        Relations(w, e, "related-incident", ns, "Incidents", "Incident", null);
        Relations(w, e, "related-coa", ns, "Courses_Of_Action", "Course_Of_Action", null);
        Relations(w, e, "related-campaign", ns, "Campaigns", "Campaign", null);
        Relations(w, e, "related-threat-actor", ns, "Threat_Actors", "Threat_Actor", null);
        Relations(w, e, "related-report", ns, "Related_Reports", "Related_Report", "Report");
        w.WriteEndElement();
    }
}
