using System.Text;
using System.Xml;
using System.Xml.XPath;
using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Tests.ContentTypes;

public sealed class StixWriterTests
{
    private static readonly StixWriter Writer = StixWriter.Instance;

    [Fact]
    public void Describes_the_format()
    {
        Writer.Binding.Should().Be("urn:stix.mitre.org:xml:1.2");
        Writer.MediaType.Should().Be("application/xml");
        Writer.FileExtension.Should().Be("xml");
        Writer.IsXml.Should().BeTrue();
        Writer.CarriesRemovals.Should().BeFalse();
        Writer.TypeOrder.Should().BeEquivalentTo(Enum.GetValues<EntityType>());
        Writer.TypeOrder.Select(t => Writer.SectionOf(FeedChangeKind.Add, t)).Should().BeInAscendingOrder("sections follow STIXType");
        Writer.Invoking(w => w.SectionOf(FeedChangeKind.Remove, EntityType.Indicator)).Should().Throw<NotSupportedException>();
    }

    [Fact]
    public void Writes_the_package_header_and_sections_in_schema_order()
    {
        var changes = Writer.TypeOrder.Select(t => Samples.Add(Samples.Entity(t, $"taxii:{t}-1")));

        var (root, ns) = Navigate(Samples.Package(Writer, Samples.Header(sequence: 2), changes));

        Single(root, "/stix:STIX_Package/@version", ns).Should().Be("1.2");
        Single(root, "/stix:STIX_Package/@timestamp", ns).Should().Be("2026-11-29T12:00:00Z");
        Single(root, "/stix:STIX_Package/@id", ns).Should().StartWith("taxii:Package-");
        Single(root, "/stix:STIX_Package/stix:STIX_Header/stix:Title", ns).Should().Be("blocklist, run 42, part 2");
        Names(root, "/stix:STIX_Package/*", ns).Should().Equal(
            "STIX_Header", "Observables", "Indicators", "TTPs", "Exploit_Targets", "Incidents", "Courses_Of_Action", "Campaigns", "Threat_Actors", "Reports");
        Names(root, "/stix:STIX_Package/stix:Observables/*", ns).Should().Equal("Observable", "Observable");
        Single(root, "//cybox:Observable[@id='taxii:Sighting-1']/@sighting_count", ns).Should().Be("1");
        Single(root, "//stix:Threat_Actor/@id", ns).Should().Be("taxii:ThreatActor-1");
        Single(root, "//stix:Threat_Actor/ta:Title", ns).Should().Be("ThreatActor title");
    }

    [Fact]
    public void Indicators_carry_their_observables_tlp_sources_and_relations()
    {
        var indicator = Samples.Entity(EntityType.Indicator, "taxii:indicator-1",
            [Samples.Observable(ObservableKinds.Ipv4, "198.51.100.7"), Samples.Observable(ObservableKinds.HashSha256, new string('b', 64))],
            [new NewRelation("indicated-ttp", "taxii:ttp-1"), new NewRelation("related-indicator", "taxii:indicator-2"), new NewRelation("mentions", "taxii:x")]);
        var red = Samples.Entity(EntityType.Indicator, "taxii:indicator-2", [Samples.Observable(ObservableKinds.Domain, "evil.example.com")]) with { Tlp = Tlp.Red };

        var (root, ns) = Navigate(Samples.Package(Writer, Samples.Header(), [Samples.Add(indicator), Samples.Add(red)]));

        root.Select("//stix:Indicator", ns).Count.Should().Be(2);
        Values(root, "//stix:Indicator[@id='taxii:indicator-1']//AddressObj:Address_Value", ns).Should().Equal("198.51.100.7");
        Values(root, "//stix:Indicator[@id='taxii:indicator-1']//cyboxCommon:Hash/cyboxCommon:Type", ns).Should().Equal("SHA256");
        Values(root, "//stix:Indicator[@id='taxii:indicator-1']//cyboxCommon:Simple_Hash_Value", ns).Should().Equal(new string('b', 64));
        Single(root, "//stix:Indicator[@id='taxii:indicator-1']//cybox:Observable_Composition/@operator", ns).Should().Be("OR");
        Values(root, "//stix:Indicator[@id='taxii:indicator-2']//DomainNameObj:Value", ns).Should().Equal("evil.example.com");
        Values(root, "//stix:Indicator/indicator:Handling/marking:Marking/marking:Marking_Structure/@color", ns).Should().Equal("AMBER", "RED");
        Values(root, "//stix:Indicator[@id='taxii:indicator-1']/indicator:Indicated_TTP/stixCommon:TTP/@idref", ns).Should().Equal("taxii:ttp-1");
        Values(root, "//stix:Indicator[@id='taxii:indicator-1']/indicator:Related_Indicators/indicator:Related_Indicator/stixCommon:Indicator/@idref", ns)
            .Should().Equal("taxii:indicator-2");
        root.Select("//*[@idref='taxii:x']", ns).Count.Should().Be(0, "a relation type with no STIX slot is left out");
        Values(root, "//stix:Indicator[@id='taxii:indicator-1']/indicator:Producer//stixCommon:Name", ns).Should().Equal("feed-a", "org b");
        Values(root, "//stix:Indicator[@id='taxii:indicator-1']/indicator:Valid_Time_Position/indicator:Start_Time", ns).Should().Equal("2026-01-02T01:04:05.678Z");
    }

    [Fact]
    public void Ids_that_are_not_qualified_names_are_derived_deterministically()
    {
        var entity = Samples.Entity(EntityType.Ttp, "http://example.com/ttp/1", relations: [new NewRelation("related-ttp", "http://example.com/ttp/1"), new NewRelation("related-ttp", "acme:ttp-7")]);

        var first = Samples.Package(Writer, Samples.Header(), [Samples.Add(entity)]);
        var (root, ns) = Navigate(first);

        var id = Single(root, "//stix:TTP/@id", ns);
        id.Should().MatchRegex("^taxii:ext-[0-9a-f]{32}$");
        Values(root, "//ttp:Related_TTP/stixCommon:TTP/@idref", ns).Should().Equal(id, "acme:ttp-7");
        (root.SelectSingleNode("//stix:TTP", ns)?.GetNamespace("acme")).Should().Be("urn:taxii:id-prefix:acme", "a foreign id prefix is declared where it is used");
        Samples.Package(Writer, Samples.Header(), [Samples.Add(entity)]).Should().Equal(first);
    }

    [Fact]
    public void Items_carry_no_namespace_declarations_of_their_own()
    {
        var text = Encoding.UTF8.GetString(Samples.Package(Writer, Samples.Header(),
            Writer.TypeOrder.Select(t => Samples.Add(Samples.Entity(t, $"taxii:{t}-1", Samples.EveryKind, [new NewRelation("related-indicator", "taxii:i")])))));

        text.Split("xmlns:stix=").Should().HaveCount(2, "only the root declares the namespaces");
        text.Split("xmlns:").Length.Should().Be(29, "the root declares 28 prefixes and no item declares any");
    }

    [Fact]
    public void Control_characters_xml_cannot_carry_are_replaced()
    {
        var (root, ns) = Navigate(Samples.Package(Writer, Samples.Header(), [Samples.Add(Samples.Entity(EntityType.Campaign, "taxii:c-1", title: "a\u0001b\r\nc </x>"))]));

        Single(root, "//campaign:Title", ns).Should().Be("a\uFFFDb\r\nc </x>");
    }

    private static (XPathNavigator Root, XmlNamespaceManager Ns) Navigate(byte[] package)
    {
        var document = new XPathDocument(XmlReader.Create(new MemoryStream(package), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }));
        var ns = new XmlNamespaceManager(new NameTable());
        foreach (var (prefix, uri) in new[]
        {
            ("stix", "http://stix.mitre.org/stix-1"), ("stixCommon", "http://stix.mitre.org/common-1"), ("indicator", "http://stix.mitre.org/Indicator-2"),
            ("ttp", "http://stix.mitre.org/TTP-1"), ("ta", "http://stix.mitre.org/ThreatActor-1"), ("campaign", "http://stix.mitre.org/Campaign-1"),
            ("marking", "http://data-marking.mitre.org/Marking-1"), ("cybox", "http://cybox.mitre.org/cybox-2"), ("cyboxCommon", "http://cybox.mitre.org/common-2"),
            ("AddressObj", "http://cybox.mitre.org/objects#AddressObject-2"), ("DomainNameObj", "http://cybox.mitre.org/objects#DomainNameObject-1"),
        })
        {
            ns.AddNamespace(prefix, uri);
        }

        return (document.CreateNavigator(), ns);
    }

    private static List<string> Names(XPathNavigator root, string xpath, XmlNamespaceManager ns) =>
        root.Select(xpath, ns).Cast<XPathNavigator>().Select(n => n.LocalName).ToList();

    private static string Single(XPathNavigator root, string xpath, XmlNamespaceManager ns) =>
        Values(root, xpath, ns).Should().ContainSingle(xpath).Subject;

    private static List<string> Values(XPathNavigator root, string xpath, XmlNamespaceManager ns) =>
        root.Select(xpath, ns).Cast<XPathNavigator>().Select(n => n.Value).ToList();
}
