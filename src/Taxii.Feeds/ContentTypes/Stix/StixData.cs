using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Taxii.Feeds.ContentTypes.Stix;

/// <summary>
/// What a STIX component says beyond Taxii's entity fields, kept as the entity's Data: a JSON object with only the
/// keys the component has, each value as written (vocabulary terms are not translated).
/// <list type="bullet">
/// <item><c>confidence</c> (string): <c>Confidence/Value</c>, such as <c>High</c>.</item>
/// <item><c>kill_chain_phases</c> (array of objects): each <c>Kill_Chain_Phase</c> with the attributes it has of
/// <c>kill_chain_id</c>, <c>kill_chain_name</c>, <c>phase_id</c>, <c>name</c>, <c>ordinality</c>; a phase that gives
/// only ids gets its names from the package's <c>TTPs/Kill_Chains</c> definitions.</item>
/// <item><c>types</c> (array of strings): <c>Type</c> (indicator, threat actor, course of action, incident
/// <c>Categories/Category</c>).</item>
/// <item><c>intended_effects</c>, <c>motivations</c>, <c>sophistication</c> (arrays of strings): the
/// <c>Value</c> of each <c>Intended_Effect</c>, <c>Motivation</c>, <c>Sophistication</c>.</item>
/// <item><c>identity</c> (string): a threat actor's <c>Identity/Name</c>.</item>
/// <item><c>names</c> (array of strings): a campaign's <c>Names/Name</c>.</item>
/// <item><c>status</c> (string): a campaign's or incident's <c>Status</c>.</item>
/// <item><c>attack_patterns</c>, <c>malware</c> (arrays of strings): a TTP's behaviour, by title (or name).</item>
/// <item><c>test_mechanisms</c> (array of strings): the <c>xsi:type</c> local names of an indicator's test
/// mechanisms (<c>SnortTestMechanismType</c>, …); the rules themselves are not kept.</item>
/// </list>
/// The component's timestamp is not kept: the store records when it changed.
/// </summary>
internal sealed class StixData(XElement packageRoot)
{
    private static readonly XNamespace Common = StixNamespaces.Common;

    private Dictionary<string, (string? Chain, string? Name)>? _phases;

    public string? Read(XElement component)
    {
        using var buffer = new MemoryStream();
        var written = false;
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            written |= Text(json, "confidence", component.Elements().FirstOrDefault(e => e.Name.LocalName == "Confidence")?
                .Elements().FirstOrDefault(e => e.Name.LocalName == "Value"));
            written |= KillChainPhases(json, component);
            written |= Texts(json, "types", Children(component, "Type")
                .Concat(Children(component, "Categories").SelectMany(c => Children(c, "Category"))));
            written |= Texts(json, "intended_effects", Children(component, "Intended_Effect").Select(ValueOf));
            written |= Texts(json, "motivations", Children(component, "Motivation").Select(ValueOf));
            written |= Texts(json, "sophistication", Children(component, "Sophistication").Select(ValueOf));
            written |= Text(json, "identity", Children(component, "Identity").SelectMany(i => Children(i, "Name")).FirstOrDefault());
            written |= Texts(json, "names", Children(component, "Names").SelectMany(n => Children(n, "Name")));
            written |= Text(json, "status", Children(component, "Status").FirstOrDefault());
            var behavior = Children(component, "Behavior").ToList();
            written |= Texts(json, "attack_patterns", behavior.SelectMany(b => Children(b, "Attack_Patterns"))
                .SelectMany(a => Children(a, "Attack_Pattern")).Select(TitleOf));
            written |= Texts(json, "malware", behavior.SelectMany(b => Children(b, "Malware"))
                .SelectMany(m => Children(m, "Malware_Instance")).Select(TitleOf));
            written |= Strings(json, "test_mechanisms", Children(component, "Test_Mechanisms")
                .SelectMany(t => Children(t, "Test_Mechanism"))
                .Select(t => StixDocument.TypeOf(t)?.LocalName)
                .OfType<string>());
            json.WriteEndObject();
        }

        return written ? Encoding.UTF8.GetString(buffer.ToArray()) : null;
    }

    private static IEnumerable<XElement> Children(XElement parent, string localName) =>
        parent.Elements().Where(e => e.Name.LocalName == localName);

    /// <summary>A vocabulary-typed field keeps its term in <c>Value</c>; older ones hold it as their text.</summary>
    private static XElement ValueOf(XElement field) => Children(field, "Value").FirstOrDefault() ?? field;

    private static XElement TitleOf(XElement item) =>
        Children(item, "Title").FirstOrDefault() ?? Children(item, "Name").FirstOrDefault() ?? item;

    private static bool Text(Utf8JsonWriter json, string key, XElement? element)
    {
        var text = element?.Value.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        json.WriteString(key, text);
        return true;
    }

    private static bool Texts(Utf8JsonWriter json, string key, IEnumerable<XElement> elements) =>
        Strings(json, key, elements.Select(e => e.Value.Trim()));

    private static bool Strings(Utf8JsonWriter json, string key, IEnumerable<string> values)
    {
        var list = values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            return false;
        }

        json.WriteStartArray(key);
        foreach (var value in list)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
        return true;
    }

    private bool KillChainPhases(Utf8JsonWriter json, XElement component)
    {
        var phases = Children(component, "Kill_Chain_Phases").SelectMany(k => k.Elements(Common + "Kill_Chain_Phase")).ToList();
        if (phases.Count == 0)
        {
            return false;
        }

        json.WriteStartArray("kill_chain_phases");
        foreach (var phase in phases)
        {
            var phaseId = (string?)phase.Attribute("phase_id");
            var known = phaseId is not null && Phases().TryGetValue(phaseId, out var p) ? p : default;
            json.WriteStartObject();
            Attribute(json, "kill_chain_id", (string?)phase.Attribute("kill_chain_id"));
            Attribute(json, "kill_chain_name", (string?)phase.Attribute("kill_chain_name") ?? known.Chain);
            Attribute(json, "phase_id", phaseId);
            Attribute(json, "name", (string?)phase.Attribute("name") ?? known.Name);
            Attribute(json, "ordinality", (string?)phase.Attribute("ordinality"));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        return true;
    }

    private static void Attribute(Utf8JsonWriter json, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            json.WriteString(key, value.Trim());
        }
    }

    /// <summary>The phases the package defines (<c>TTPs/Kill_Chains/Kill_Chain/Kill_Chain_Phase</c>), by phase id.</summary>
    private Dictionary<string, (string? Chain, string? Name)> Phases()
    {
        if (_phases is not null)
        {
            return _phases;
        }

        _phases = new Dictionary<string, (string? Chain, string? Name)>(StringComparer.Ordinal);
        foreach (var chain in packageRoot.Descendants(Common + "Kill_Chain"))
        {
            foreach (var phase in chain.Elements(Common + "Kill_Chain_Phase"))
            {
                if ((string?)phase.Attribute("phase_id") is { Length: > 0 } id)
                {
                    _phases.TryAdd(id, ((string?)chain.Attribute("name"), (string?)phase.Attribute("name")));
                }
            }
        }

        return _phases;
    }
}
