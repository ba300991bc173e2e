using System.Text;
using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Tests.ContentTypes;

public sealed class StixReaderTests
{
    private static readonly StixReader Reader = StixReader.Instance;

    [Theory]
    [InlineData("urn:stix.mitre.org:xml:1.0", true)]
    [InlineData("urn:stix.mitre.org:xml:1.0.1", true)]
    [InlineData("urn:stix.mitre.org:xml:1.1", true)]
    [InlineData("urn:stix.mitre.org:xml:1.1.1", true)]
    [InlineData("urn:stix.mitre.org:xml:1.2", true)]
    [InlineData("urn:stix.mitre.org:json:2.0", false)]
    [InlineData("text/csv", false)]
    public void Accepts_stix_1x_bindings(string binding, bool accepted) => Reader.Accepts(binding).Should().Be(accepted);

    [Fact]
    public async Task Entities_written_by_StixWriter_read_back()
    {
        var entities = new[]
        {
            Samples.Entity(EntityType.ObservableOnly, "taxii:obs-1", [Samples.Observable(ObservableKinds.Ipv4, "198.51.100.9")]),
            Samples.Entity(EntityType.Sighting, "taxii:sighting-1", [Samples.Observable(ObservableKinds.Domain, "seen.example.com")]),
            Samples.Entity(EntityType.Indicator, "taxii:indicator-1", Samples.EveryKind,
                [new NewRelation("indicated-ttp", "taxii:ttp-1"), new NewRelation("related-indicator", "taxii:indicator-2"),
                    new NewRelation("related-campaign", "taxii:campaign-1")]),
            Samples.Entity(EntityType.Indicator, "taxii:indicator-2", [Samples.Observable(ObservableKinds.Url, "http://evil.example.com/x")]),
            Samples.Entity(EntityType.Ttp, "taxii:ttp-1", [Samples.Observable(ObservableKinds.Ipv4, "203.0.113.5")],
                [new NewRelation("exploit-target", "taxii:et-1"), new NewRelation("related-ttp", "other:ttp-9")]),
            Samples.Entity(EntityType.ExploitTarget, "taxii:et-1", [Samples.Observable(ObservableKinds.Cve, "CVE-2021-44228")],
                [new NewRelation("potential-coa", "taxii:coa-1")]),
            Samples.Entity(EntityType.Incident, "taxii:incident-1", [Samples.Observable(ObservableKinds.HashMd5, "d41d8cd98f00b204e9800998ecf8427e")],
                [new NewRelation("related-indicator", "taxii:indicator-1"), new NewRelation("leveraged-ttp", "taxii:ttp-1"),
                    new NewRelation("attributed-threat-actor", "taxii:actor-1"), new NewRelation("related-incident", "taxii:incident-2")]),
            Samples.Entity(EntityType.CourseOfAction, "taxii:coa-1", [Samples.Observable(ObservableKinds.Domain, "block.example.com")],
                [new NewRelation("related-coa", "taxii:coa-2")]),
            Samples.Entity(EntityType.Campaign, "taxii:campaign-1", relations:
                [new NewRelation("related-ttp", "taxii:ttp-1"), new NewRelation("attributed-threat-actor", "taxii:actor-1"),
                    new NewRelation("associated-campaign", "taxii:campaign-2")]),
            Samples.Entity(EntityType.ThreatActor, "taxii:actor-1", relations:
                [new NewRelation("observed-ttp", "taxii:ttp-1"), new NewRelation("associated-actor", "taxii:actor-2")]),
            Samples.Entity(EntityType.Report, "taxii:report-1", [Samples.Observable(ObservableKinds.Email, "bad@example.com")],
                [new NewRelation("related-indicator", "taxii:indicator-1"), new NewRelation("related-exploit-target", "taxii:et-1"),
                    new NewRelation("related-threat-actor", "taxii:actor-1"), new NewRelation("related-report", "taxii:report-2")]),
        };
        var package = Samples.Package(StixWriter.Instance, Samples.Header(), entities.Select(Samples.Add));

        var read = await Reader.ReadAsync(new MemoryStream(package), TestContext.Current.CancellationToken);

        read.RemovedIds.Should().BeEmpty();
        read.Entities.Select(e => e.ExternalId).Should().BeEquivalentTo(entities.Select(e => e.ExternalId));
        foreach (var written in entities)
        {
            var e = read.Entities.Single(r => r.ExternalId == written.ExternalId);
            e.Type.Should().Be(written.Type);
            e.Title.Should().Be(written.Title);
            e.Description.Should().Be(written.Description);
            e.Observables!.Select(o => (o.Kind, o.Value)).Should().BeEquivalentTo(written.Observables.Select(o => (o.Kind, o.Value)), written.ExternalId);
            e.Relations.Should().BeEquivalentTo(written.Relations, written.ExternalId);
            if (written.Type is not (EntityType.ObservableOnly or EntityType.Sighting))
            {
                // CybOX observables have no handling or information source
                e.Tlp.Should().Be(Tlp.Amber);
                e.Sources.Should().Equal("feed-a", "org b");
                e.Reliability.Should().Be('B');
            }
        }

        read.Entities.Single(e => e.ExternalId == "taxii:indicator-1").ValidFrom.Should().Be(entities[2].ValidFrom);
    }

    [Fact]
    public async Task Ids_that_are_not_qnames_come_back_derived()
    {
        var entity = Samples.Entity(EntityType.Indicator, "http://example.com/indicator/1", [Samples.Observable(ObservableKinds.Ipv4, "192.0.2.1")]);
        var package = Samples.Package(StixWriter.Instance, Samples.Header(), [Samples.Add(entity)]);

        var read = await Reader.ReadAsync(new MemoryStream(package), TestContext.Current.CancellationToken);

        read.Entities.Should().ContainSingle().Which.ExternalId.Should().MatchRegex("^taxii:ext-[0-9a-f]{32}$");
    }

    [Fact]
    public async Task Idrefs_resolve_in_any_order_and_dangling_relations_are_kept()
    {
        const string xml = """
            <stix:STIX_Package xmlns:stix="http://stix.mitre.org/stix-1" xmlns:indicator="http://stix.mitre.org/Indicator-2"
                xmlns:stixCommon="http://stix.mitre.org/common-1" xmlns:cybox="http://cybox.mitre.org/cybox-2"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:A="http://cybox.mitre.org/objects#AddressObject-2"
                xmlns:D="http://cybox.mitre.org/objects#DomainNameObject-1" xmlns:x="urn:x" version="1.1.1">
              <stix:Indicators>
                <stix:Indicator id="x:ind-1" xsi:type="indicator:IndicatorType">
                  <indicator:Observable>
                    <cybox:Observable_Composition operator="AND">
                      <cybox:Observable idref="x:obs-1"/>
                      <cybox:Observable idref="x:missing"/>
                      <cybox:Observable><cybox:Object><cybox:Properties xsi:type="D:DomainNameObjectType">
                        <D:Value condition="Contains">partial</D:Value></cybox:Properties></cybox:Object></cybox:Observable>
                    </cybox:Observable_Composition>
                  </indicator:Observable>
                  <indicator:Indicated_TTP><stixCommon:TTP idref="x:ttp-elsewhere"/></indicator:Indicated_TTP>
                  <indicator:Confidence><stixCommon:Value>Medium</stixCommon:Value></indicator:Confidence>
                </stix:Indicator>
              </stix:Indicators>
              <stix:Observables cybox_major_version="2" cybox_minor_version="1">
                <cybox:Observable id="x:obs-1"><cybox:Object><cybox:Properties xsi:type="A:AddressObjectType" category="ipv4-addr">
                  <A:Address_Value condition="Equals" apply_condition="ANY">10.0.0.1##comma##10.0.0.2</A:Address_Value>
                </cybox:Properties></cybox:Object></cybox:Observable>
                <cybox:Observable id="x:obs-2"><cybox:Object><cybox:Properties xsi:type="A:AddressObjectType" category="e-mail">
                  <A:Address_Value>a@example.com</A:Address_Value></cybox:Properties></cybox:Object></cybox:Observable>
              </stix:Observables>
            </stix:STIX_Package>
            """;

        var read = await Reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), TestContext.Current.CancellationToken);

        var indicator = read.Entities.Should().ContainSingle(e => e.Type == EntityType.Indicator).Subject;
        indicator.Observables.Should().Equal(
            new NewObservable(ObservableKinds.Ipv4, "10.0.0.1", Maliciousness.Medium),
            new NewObservable(ObservableKinds.Ipv4, "10.0.0.2", Maliciousness.Medium));
        indicator.Relations.Should().Equal(new NewRelation("indicated-ttp", "x:ttp-elsewhere"));
        indicator.Data.Should().Be("{\"confidence\":\"Medium\"}");
        var standalone = read.Entities.Should().ContainSingle(e => e.Type == EntityType.ObservableOnly, "obs-1 is used by the indicator").Subject;
        standalone.ExternalId.Should().Be("x:obs-2");
        standalone.Observables.Should().Equal(new NewObservable(ObservableKinds.Email, "a@example.com"));
    }

    [Theory]
    [InlineData("<stix:STIX_Package xmlns:stix=\"http://stix.mitre.org/stix-1\"><stix:Indicators>", "not well-formed XML (line 1")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x/>", "not well-formed XML")]
    [InlineData("<Poll_Response xmlns=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\"/>", "root element is Poll_Response")]
    [InlineData("<STIX_Package/>", "root element is STIX_Package (no namespace)")]
    [InlineData("<stix:STIX_Package xmlns:stix=\"http://stix.mitre.org/stix-1\" version=\"2.0\"/>", "STIX version '2.0' is not 1.x")]
    [InlineData("", "not well-formed XML")]
    [InlineData("{\"type\":\"bundle\"}", "not well-formed XML")]
    public async Task Refuses_what_is_not_a_stix_1_package(string content, string reason)
    {
        var read = () => Reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), TestContext.Current.CancellationToken);

        (await read.Should().ThrowAsync<ContentReadException>()).Which.Message.Should().Contain(reason);
    }

    [Fact]
    public async Task Refuses_nesting_beyond_the_bound()
    {
        var deep = "<stix:STIX_Package xmlns:stix=\"http://stix.mitre.org/stix-1\">"
            + string.Concat(Enumerable.Repeat("<a>", 200)) + string.Concat(Enumerable.Repeat("</a>", 200)) + "</stix:STIX_Package>";

        var read = () => Reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(deep)), TestContext.Current.CancellationToken);

        (await read.Should().ThrowAsync<ContentReadException>()).Which.Message.Should().Contain("deeper than 128");
    }
}
