using System.Xml.Linq;

namespace Taxii.Server.Tests.Interop;

/// <summary>
/// STIX 1.2 packages as people write them (indented, one domain indicator each, unique ids), and the XML comparison
/// the interop tests need: cabby re-serializes what it pushes and prints what it polls with the envelope's
/// namespace declarations, so content is compared as XML, not byte for byte.
/// </summary>
internal static class InteropStix
{
    private static readonly XNamespace Xmlns = XNamespace.Xmlns;

    /// <summary>A package with one indicator titled <paramref name="title"/> observing <paramref name="domain"/>.</summary>
    public static string Package(string name, string domain, string title) => $"""
        <stix:STIX_Package
            xmlns:stix="http://stix.mitre.org/stix-1"
            xmlns:indicator="http://stix.mitre.org/Indicator-2"
            xmlns:cybox="http://cybox.mitre.org/cybox-2"
            xmlns:DomainNameObj="http://cybox.mitre.org/objects#DomainNameObject-1"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xmlns:example="http://example.com"
            id="example:Package-{name}" version="1.2">
            <stix:STIX_Header>
                <stix:Title>interop package {name}</stix:Title>
            </stix:STIX_Header>
            <stix:Indicators>
                <stix:Indicator xsi:type="indicator:IndicatorType" id="example:indicator-{name}" timestamp="2026-01-01T00:00:00Z">
                    <indicator:Title>{title}</indicator:Title>
                    <indicator:Observable id="example:Observable-{name}">
                        <cybox:Object id="example:Object-{name}">
                            <cybox:Properties xsi:type="DomainNameObj:DomainNameObjectType" type="FQDN">
                                <DomainNameObj:Value condition="Equals">{domain}</DomainNameObj:Value>
                            </cybox:Properties>
                        </cybox:Object>
                    </indicator:Observable>
                </stix:Indicator>
            </stix:Indicators>
        </stix:STIX_Package>
        """;

    /// <summary>Writes <paramref name="xml"/> to a new file in <paramref name="directory"/> for <c>taxii-push --content-file</c>.</summary>
    public static string WriteFile(string directory, string name, string xml)
    {
        var path = Path.Combine(directory, name + ".xml");
        File.WriteAllText(path, xml);
        return path;
    }

    /// <summary>
    /// The element as an infoset without formatting: names with their namespaces, attributes (namespace declarations
    /// left out: where a prefix is declared does not change the content) in name order, and text; whitespace-only
    /// text between elements is indentation.
    /// </summary>
    public static XElement Normalized(string xml) => Normalize(XElement.Parse(xml.Trim()));

    /// <summary>Whether two XML texts carry the same content (see <see cref="Normalized"/>).</summary>
    public static bool SameContent(string left, string right) => XNode.DeepEquals(Normalized(left), Normalized(right));

    private static XElement Normalize(XElement element) => new(
        element.Name,
        element.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace != Xmlns)
            .OrderBy(a => a.Name.ToString(), StringComparer.Ordinal).Select(a => new XAttribute(a.Name, a.Value)),
        element.Nodes().Select(n => n switch
        {
            XElement child => (object)Normalize(child),
            XText text when string.IsNullOrWhiteSpace(text.Value) => null!,
            XText text => new XText(text.Value),
            _ => null!,
        }).Where(n => n is not null));
}
