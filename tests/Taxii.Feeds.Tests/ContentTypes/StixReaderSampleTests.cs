using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Feeds.ContentTypes;
using Taxii.Testing;

namespace Taxii.Feeds.Tests.ContentTypes;

/// <summary>
/// The public STIX 1.x documents of shared/samples/stix. The reader is lenient: every well-formed package reads,
/// schema-invalid ones included (the MANIFEST's invalid ones fail on vocabularies, element order, unknown marking
/// types, undeclared id prefixes; none of that stops reading). The one document that is not well-formed is refused.
/// </summary>
public sealed class StixReaderSampleTests
{
    private const string NotWellFormed = "1.1.1_site_analyst-exercise-output-dcb77ff.xml";

    private static readonly (string Column, EntityType Type)[] Components =
    [
        ("Indicators", EntityType.Indicator), ("TTPs", EntityType.Ttp), ("Threat_Actors", EntityType.ThreatActor),
        ("Campaigns", EntityType.Campaign), ("Incidents", EntityType.Incident), ("Exploit_Targets", EntityType.ExploitTarget),
        ("Courses_Of_Action", EntityType.CourseOfAction), ("Reports", EntityType.Report),
    ];

    [Fact]
    public async Task Every_well_formed_sample_reads_with_at_least_its_top_level_components()
    {
        var folder = ReferenceMaterial.Require("samples/stix");
        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "MANIFEST.tsv"), TestContext.Current.CancellationToken);
        var columns = lines[0].Split('\t');
        var read = 0;
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split('\t');
            var file = cells[0];
            if (file == NotWellFormed)
            {
                continue;
            }

            var package = await ReadAsync(file);
            foreach (var (column, type) in Components)
            {
                var count = int.Parse(cells[Array.IndexOf(columns, column)], System.Globalization.CultureInfo.InvariantCulture);
                package.Entities.Count(e => e.Type == type).Should().BeGreaterThanOrEqualTo(count, $"{file} has {count} {column}");
            }

            read++;
        }

        read.Should().Be(95, "96 documents, one of them not well-formed");
    }

    [Fact]
    public async Task The_sample_that_is_not_well_formed_is_refused_with_its_position()
    {
        // the sample's path first, outside the assertion: where ../shared is absent the skip must not count as a throw
        var path = Sample(NotWellFormed);
        var read = () => ReadAsync(path);

        (await read.Should().ThrowAsync<ContentReadException>()).Which.Message.Should().StartWith("not well-formed XML (line 36, position 14)");
    }

    [Fact]
    public async Task A_value_list_gives_one_observable_per_item()
    {
        var package = await ReadAsync("1.2_schemas_STIX_IP_Watchlist.xml");

        var indicator = package.Entities.Should().ContainSingle().Subject;
        indicator.ExternalId.Should().Be("example:Indicator-33fe3b22-0201-47cf-85d0-97c02164528d");
        indicator.Observables!.Select(o => (o.Kind, o.Value)).Should().Equal(
            (ObservableKinds.Ipv4, "10.0.0.0"), (ObservableKinds.Ipv4, "10.0.0.1"), (ObservableKinds.Ipv4, "10.0.0.2"));
        indicator.Data.Should().Be("{\"types\":[\"IP Watchlist\"]}");
    }

    [Fact]
    public async Task Indicators_ttps_and_incidents_are_linked_by_idref()
    {
        var package = await ReadAsync("1.2_site_sample-combined.xml");

        package.Entities.Should().HaveCount(8);
        var incident = package.Entities.Single(e => e.ExternalId == "example:incident-d6f8f6d6-e9ea-4d8f-b066-20a492ac9561");
        incident.Type.Should().Be(EntityType.Incident);
        incident.Observables.Should().Equal(new NewObservable(ObservableKinds.Ipv4, "192.168.1.1"));
        incident.Relations.Should().Equal(
            new NewRelation("related-indicator", "example:indicator-239fdc6b-bee7-4cc6-8987-938e517b2eda"),
            new NewRelation("leveraged-ttp", "example:ttp-e16098ed-8135-43b0-96d1-1d93e52fdab2"));
        package.Entities.Single(e => e.ExternalId == "example:ttp-e16098ed-8135-43b0-96d1-1d93e52fdab2").Title.Should().Be("ZBot");
    }

    [Fact]
    public async Task Tlp_colors_come_from_each_indicators_marking()
    {
        var package = await ReadAsync("1.2_slider20_141-TLP-marking-structures.xml");

        package.Entities.Select(e => (e.Title, e.Tlp)).Should().BeEquivalentTo(new (string?, Tlp?)[]
        {
            ("Malicious site hosting downloader", Tlp.White), ("IP Address for known C2 channel", Tlp.Green),
            ("File Reputation for SHA256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Tlp.Amber),
            ("Malicious E-mail", Tlp.Red),
        });
        package.Entities.Single(e => e.Tlp == Tlp.Amber).Observables.Should().Equal(
            new NewObservable(ObservableKinds.HashSha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    [Fact]
    public async Task Exploit_targets_give_their_cve()
    {
        var package = await ReadAsync("1.2_site_cve-in-exploit-target.xml");

        var target = package.Entities.Should().ContainSingle().Subject;
        target.Type.Should().Be(EntityType.ExploitTarget);
        target.Title.Should().Be("Javascript vulnerability in MSIE 6-11");
        target.Observables.Should().Equal(new NewObservable(ObservableKinds.Cve, "CVE-2013-3893"));
    }

    [Fact]
    public async Task Confidence_kill_chain_sources_and_inline_courses_of_action_are_read()
    {
        var package = await ReadAsync("1.2_schemas_STIX_Phishing_Indicator.xml");

        var indicator = package.Entities.Single(e => e.Type == EntityType.Indicator);
        indicator.Title.Should().Be("\"US-China\" Phishing Indicator");
        indicator.Tlp.Should().Be(Tlp.Red, "the most restrictive of its GREEN and RED markings");
        indicator.Sources.Should().Equal("MITRE");
        indicator.ValidFrom.Should().Be(new DateTimeOffset(2012, 12, 1, 9, 30, 47, TimeSpan.Zero));
        indicator.Observables.Should().Contain(new NewObservable(ObservableKinds.HashMd5, "cf2b3ad32a8a4cfb05e9dfc45875bd70", Maliciousness.High));
        indicator.Data.Should().Contain("\"confidence\":\"High\"").And.Contain("\"kill_chain_phases\":[");
        indicator.Relations.Should().HaveCount(7).And.OnlyContain(r => r.Type == "suggested-coa");
        package.Entities.Count(e => e.Type == EntityType.CourseOfAction).Should().Be(7);
    }

    [Fact]
    public async Task Nested_packages_and_the_as_object_are_read()
    {
        var package = await ReadAsync("1.1.1_misp_test_event1_stix11.xml");

        var incident = package.Entities.Single(e => e.ExternalId == "MISP:Incident-e2e6a6ea-f69b-4d93-8564-f51d67cafe51");
        incident.Observables.Should().Equal(new NewObservable(ObservableKinds.Asn, "AS174"));
        incident.Sources.Should().Equal("MISP-Project");
        package.Entities.Single(e => e.Type == EntityType.Indicator).Observables.Should().Equal(
            new NewObservable(ObservableKinds.Domain, "circl.lu", Maliciousness.High));
    }

    [Fact]
    public async Task Relations_to_components_outside_the_package_are_kept()
    {
        var package = await ReadAsync("1.2_site_campaign-v-actors.xml");

        package.Entities.Single(e => e.Type == EntityType.Campaign).Relations.Should().Contain(
            new NewRelation("related-incident", "example:incident-229ab6ba-0eb2-415b-bdf2-079e6b42f51e"));
    }

    private static string Sample(string file) => Path.Combine(ReferenceMaterial.Require("samples/stix"), file);

    /// <param name="file">A sample's name, or its full path.</param>
    private static async Task<ParsedPackage> ReadAsync(string file)
    {
        await using var stream = File.OpenRead(Path.IsPathRooted(file) ? file : Sample(file));
        return await StixReader.Instance.ReadAsync(stream, TestContext.Current.CancellationToken);
    }
}
