using System.Globalization;
using System.Xml.Linq;
using Taxii.Core.Entities;

namespace Taxii.Feeds.ContentTypes.Stix;

/// <summary>
/// Reads STIX components (indicator, TTP, …) into entities. A component is an element with a component's name in a
/// STIX namespace that defines rather than references (no <c>idref</c>), with an <c>id</c> or as an item of a
/// top-level list: the same rule finds components inside reports, related-package wrappers and relations.
/// <para>Field mapping: Title and Description (several descriptions joined by a blank line; a report's in its
/// Header); TLP from a <c>Handling/Marking/Marking_Structure</c> of TLP type, the most restrictive color when there
/// are several, else the package header's; Sources from the names of <c>Information_Source</c> (an indicator's
/// <c>Producer</c>) <c>Identity</c> and <c>Contributing_Sources</c>, else the package header's; Reliability only from
/// the source description StixWriter writes (<c>Reliability: B</c>): STIX confidence rates the information, not the
/// source, so it is kept in Data and not turned into an Admiralty grade; ValidFrom from an indicator's first
/// <c>Valid_Time_Position/Start_Time</c>. An indicator's observables take their maliciousness from its confidence
/// (High, Medium, Low; anything else Unknown); other components' observables are Unknown.</para>
/// <para>Relations: the idrefs (and inline components' ids) under a component's relation fields, typed as
/// StixWriter names them (<c>Indicated_TTP</c> → <c>indicated-ttp</c>, <c>Related_Indicators</c> →
/// <c>related-indicator</c>, a report's <c>TTPs</c> → <c>related-ttp</c>, …), kept when the target is not in
/// the package.</para>
/// </summary>
internal sealed class StixComponents(StixDocument document, StixObservableReader observables)
{
    private static readonly XNamespace Core = StixNamespaces.Core;
    private static readonly XNamespace Common = StixNamespaces.Common;
    private static readonly XNamespace Report = StixNamespaces.Report;
    private static readonly XName TlpType = XNamespace.Get(StixNamespaces.TlpMarking) + "TLPMarkingStructureType";

    private static readonly Dictionary<string, EntityType> Types = new(StringComparer.Ordinal)
    {
        ["Indicator"] = EntityType.Indicator,
        ["TTP"] = EntityType.Ttp,
        ["Threat_Actor"] = EntityType.ThreatActor,
        ["Campaign"] = EntityType.Campaign,
        ["Incident"] = EntityType.Incident,
        ["Exploit_Target"] = EntityType.ExploitTarget,
        ["Course_Of_Action"] = EntityType.CourseOfAction,
        ["Report"] = EntityType.Report,
    };

    private readonly StixData _data = new(document.Root);

    public static bool IsComponent(XElement element) =>
        Types.ContainsKey(element.Name.LocalName)
        && element.Name.NamespaceName.StartsWith("http://stix.mitre.org/", StringComparison.Ordinal)
        && element.Attribute("idref") is null
        && (element.Attribute("id") is not null || element.Parent?.Name.Namespace == Core);

    public NewEntity Read(XElement component)
    {
        var type = Types[component.Name.LocalName];
        var header = type == EntityType.Report ? component.Element(Report + "Header") ?? component : component;
        var data = _data.Read(component);
        var maliciousness = type == EntityType.Indicator ? MaliciousnessOf(component) : Maliciousness.Unknown;
        var (sources, reliability) = InformationSources(header);
        var packageHeader = PackageHeader(component);
        if (sources.Count == 0 && packageHeader is not null)
        {
            sources = InformationSources(packageHeader).Sources;
        }

        return new NewEntity(
            type,
            ExternalId: NonEmpty((string?)component.Attribute("id")),
            Title: Title(header),
            Description: Description(header),
            Tlp: TlpOf(header) ?? (packageHeader is null ? null : TlpOf(packageHeader)),
            Reliability: reliability,
            ValidFrom: type == EntityType.Indicator ? ValidFrom(component) : null,
            Sources: sources,
            Data: data,
            Observables: Observables(component, maliciousness),
            Relations: Relations(component, type));
    }

    /// <summary>The header of the package an element is in: the root, or a package nested in <c>Related_Packages</c>.</summary>
    public static XElement? PackageHeader(XElement element) =>
        element.Ancestors().First(a => a.Name == Core + "STIX_Package" || a.Name == Core + "Package").Element(Core + "STIX_Header");

    public static string? Title(XElement holder) => NonEmpty(holder.Elements().FirstOrDefault(e => e.Name.LocalName == "Title")?.Value);

    public static string? Description(XElement holder)
    {
        var parts = holder.Elements().Where(e => e.Name.LocalName == "Description").Select(e => e.Value.Trim()).Where(d => d.Length > 0);
        return NonEmpty(string.Join("\n\n", parts));
    }

    /// <summary>The most restrictive TLP color among the holder's own markings.</summary>
    public static Tlp? TlpOf(XElement holder)
    {
        Tlp? tlp = null;
        var structures = holder.Elements().Where(e => e.Name.LocalName == "Handling")
            .Elements().Where(e => e.Name.LocalName == "Marking")
            .Elements().Where(e => e.Name.LocalName == "Marking_Structure");
        foreach (var structure in structures)
        {
            if (StixDocument.TypeOf(structure) == TlpType
                && FeedNames.TryParseTlp(((string?)structure.Attribute("color"))?.Trim().ToLowerInvariant(), out var color)
                && (tlp is null || color > tlp))
            {
                tlp = color;
            }
        }

        return tlp;
    }

    public static (List<string> Sources, char? Reliability) InformationSources(XElement holder)
    {
        var sources = new List<string>();
        char? reliability = null;
        foreach (var source in holder.Elements().Where(e => e.Name.LocalName is "Information_Source" or "Producer"))
        {
            if (source.Element(Common + "Description")?.Value.Trim() is ['R', 'e', 'l', 'i', 'a', 'b', 'i', 'l', 'i', 't', 'y', ':', ' ', var grade]
                && grade is >= 'A' and <= 'F')
            {
                reliability = grade;
            }

            var identities = source.Elements(Common + "Identity")
                .Concat(source.Elements(Common + "Contributing_Sources").Elements(Common + "Source").Elements(Common + "Identity"));
            foreach (var name in identities.Elements().Where(e => e.Name.LocalName == "Name"))
            {
                if (NonEmpty(name.Value) is { } text && !sources.Contains(text))
                {
                    sources.Add(text);
                }
            }
        }

        return (sources, reliability);
    }

    public static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Maliciousness MaliciousnessOf(XElement indicator) =>
        indicator.Elements().FirstOrDefault(e => e.Name.LocalName == "Confidence")?
            .Elements().FirstOrDefault(e => e.Name.LocalName == "Value")?.Value.Trim().ToLowerInvariant() switch
        {
            "high" => Maliciousness.High,
            "medium" => Maliciousness.Medium,
            "low" => Maliciousness.Low,
            _ => Maliciousness.Unknown,
        };

    private static DateTimeOffset? ValidFrom(XElement indicator)
    {
        foreach (var start in indicator.Elements().Where(e => e.Name.LocalName == "Valid_Time_Position")
            .Elements().Where(e => e.Name.LocalName == "Start_Time"))
        {
            if (DateTimeOffset.TryParse(start.Value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from))
            {
                return from;
            }
        }

        return null;
    }

    /// <summary>
    /// Every observable under the component (indicator pattern, TTP infrastructure, incident related observables,
    /// COA parameters, report observables, sightings) and CVE ids of vulnerabilities, but not those of components
    /// defined inside it, which are entities of their own.
    /// </summary>
    private List<NewObservable> Observables(XElement component, Maliciousness maliciousness)
    {
        var found = new List<NewObservable>();
        Walk(component);
        return found;

        void Walk(XElement parent)
        {
            foreach (var child in parent.Elements())
            {
                if (IsComponent(child) || child.Name.LocalName is "Related_Packages" or "Handling")
                {
                    continue;
                }

                if (child.Name.LocalName == "Observable")
                {
                    observables.Add(child, found, maliciousness);
                }
                else if (child.Name.LocalName == "CVE_ID")
                {
                    foreach (var cve in StixObjectProperties.Values(child))
                    {
                        if (!found.Exists(o => o.Kind == ObservableKinds.Cve && o.Value == cve))
                        {
                            found.Add(new NewObservable(ObservableKinds.Cve, cve, maliciousness));
                        }
                    }
                }
                else
                {
                    Walk(child);
                }
            }
        }
    }

    private static List<NewRelation> Relations(XElement component, EntityType type)
    {
        var relations = new List<NewRelation>();
        foreach (var field in component.Elements())
        {
            if (RelationType(type, field.Name.LocalName) is not { } relation)
            {
                continue;
            }

            foreach (var target in Targets(field))
            {
                var r = new NewRelation(relation, target);
                if (!relations.Contains(r))
                {
                    relations.Add(r);
                }
            }
        }

        return relations;
    }

    /// <summary>The ids a relation field names: idrefs of components, and ids of components defined in place.</summary>
    private static IEnumerable<string> Targets(XElement field)
    {
        foreach (var child in field.Elements())
        {
            if (Types.ContainsKey(child.Name.LocalName) && ((string?)child.Attribute("idref") ?? (string?)child.Attribute("id")) is { Length: > 0 } id)
            {
                yield return id.Trim();
                continue;
            }

            foreach (var nested in Targets(child))
            {
                yield return nested;
            }
        }
    }

    /// <summary>The relation type of a component's field, as StixEntities writes it; null for fields that are not relations.</summary>
    private static string? RelationType(EntityType type, string field) => field switch
    {
        "Indicated_TTP" => "indicated-ttp",
        "Related_Indicators" or "Indicators" => "related-indicator",
        "Related_Campaigns" or "Campaigns" => "related-campaign",
        "Suggested_COAs" => "suggested-coa",
        "Composite_Indicator_Expression" => "composite-indicator",
        "Related_TTPs" or "TTPs" => "related-ttp",
        "Exploit_Targets" => type == EntityType.Report ? "related-exploit-target" : "exploit-target",
        "Potential_COAs" => "potential-coa",
        "Related_Exploit_Targets" => "related-exploit-target",
        "Leveraged_TTPs" => "leveraged-ttp",
        "Attributed_Threat_Actors" or "Attribution" => "attributed-threat-actor",
        "Related_Incidents" or "Incidents" => "related-incident",
        "COA_Requested" => "coa-requested",
        "COA_Taken" => "coa-taken",
        "Related_COAs" or "Courses_Of_Action" => "related-coa",
        "Associated_Campaigns" => "associated-campaign",
        "Observed_TTPs" => "observed-ttp",
        "Associated_Actors" => "associated-actor",
        "Threat_Actors" => "related-threat-actor",
        "Related_Reports" => "related-report",
        _ => null,
    };
}
