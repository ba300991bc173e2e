using System.Text;
using System.Text.Json;
using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Tests.ContentTypes;

public sealed class EclecticIqJsonWriterTests
{
    private static readonly EclecticIqJsonWriter Writer = EclecticIqJsonWriter.Instance;

    [Fact]
    public void Describes_the_format()
    {
        Writer.Binding.Should().Be("urn:eclecticiq.com:json:1.0");
        Writer.MediaType.Should().Be("application/json");
        Writer.FileExtension.Should().Be("json");
        Writer.CarriesRemovals.Should().BeTrue();
        Writer.IsXml.Should().BeFalse();
        Writer.TypeOrder.Should().BeEquivalentTo(Enum.GetValues<EntityType>());
        Writer.SectionOf(FeedChangeKind.Add, EntityType.Report).Should().Be(0);
        Writer.SectionOf(FeedChangeKind.Remove, EntityType.Report).Should().Be(1);
    }

    [Fact]
    public void Writes_the_envelope_header_and_entity_fields()
    {
        var entity = Samples.Entity(EntityType.ThreatActor, "taxii:threat-actor-1",
            [Samples.Observable(ObservableKinds.Domain, "evil.example.com")], [new NewRelation("observed-ttp", "taxii:ttp-1")]);
        var bytes = Samples.Package(Writer, Samples.Header(UpdateStrategy.Diff, 3), [Samples.Add(entity)]);

        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        root.GetProperty("format").GetString().Should().Be("urn:eclecticiq.com:json:1.0");
        var header = root.GetProperty("header");
        header.GetProperty("feed").GetString().Should().Be("blocklist");
        header.GetProperty("run").GetInt64().Should().Be(42);
        header.GetProperty("sequence").GetInt32().Should().Be(3);
        header.GetProperty("produced").GetString().Should().Be("2026-11-29T12:00:00Z");
        header.GetProperty("strategy").GetString().Should().Be("diff");
        root.TryGetProperty("removed", out _).Should().BeFalse("an empty section is absent");

        var e = root.GetProperty("entities")[0];
        e.GetProperty("id").GetString().Should().Be("taxii:threat-actor-1");
        e.GetProperty("type").GetString().Should().Be("threat-actor");
        e.GetProperty("data").GetProperty("title").GetString().Should().Be("ThreatActor title");
        e.GetProperty("data").GetProperty("extra").GetProperty("score").GetInt32().Should().Be(7, "Data is embedded as JSON, not as a string");
        var meta = e.GetProperty("meta");
        meta.GetProperty("tlp").GetString().Should().Be("amber");
        meta.GetProperty("reliability").GetString().Should().Be("B");
        meta.GetProperty("valid_from").GetString().Should().Be("2026-01-02T01:04:05.678Z");
        meta.GetProperty("created_at").GetString().Should().Be("2026-01-01T00:00:00Z");
        meta.GetProperty("updated_at").GetString().Should().Be("2026-02-01T00:00:00Z");
        meta.GetProperty("dataset").GetString().Should().Be("main");
        e.GetProperty("sources").EnumerateArray().Select(s => s.GetString()).Should().Equal("feed-a", "org b");
        var o = e.GetProperty("observables")[0];
        o.GetProperty("kind").GetString().Should().Be("domain");
        o.GetProperty("value").GetString().Should().Be("evil.example.com");
        o.GetProperty("maliciousness").GetString().Should().Be("high");
        o.GetProperty("first_seen").GetString().Should().Be("2026-01-05T00:00:00Z");
        var r = e.GetProperty("relations")[0];
        r.GetProperty("type").GetString().Should().Be("observed-ttp");
        r.GetProperty("target").GetString().Should().Be("taxii:ttp-1");
    }

    [Fact]
    public void Escapes_strings_safely_and_keeps_them_exact()
    {
        var entity = Samples.Entity(EntityType.Indicator, "taxii:indicator-\"1\"",
            [Samples.Observable(ObservableKinds.Url, Samples.Tricky)], title: Samples.Tricky,
            data: EntityHashing.Canonical("{\"note\":\"" + "</script> é \\\" \\u0000" + "\"}"));
        var bytes = Samples.Package(Writer, Samples.Header(), [Samples.Add(entity)]);
        var text = Encoding.UTF8.GetString(bytes);

        text.Should().NotContain("</script>", "HTML-sensitive characters are escaped").And.Contain("日本", "non-ASCII text stays readable");
        using var document = JsonDocument.Parse(bytes);
        var e = document.RootElement.GetProperty("entities")[0];
        e.GetProperty("id").GetString().Should().Be("taxii:indicator-\"1\"");
        e.GetProperty("data").GetProperty("title").GetString().Should().Be(Samples.Tricky);
        e.GetProperty("observables")[0].GetProperty("value").GetString().Should().Be(Samples.Tricky);
    }

    [Fact]
    public void Removals_go_in_their_own_section_with_observables_only()
    {
        var gone = Samples.Entity(EntityType.Indicator, "taxii:indicator-9", [Samples.Observable(ObservableKinds.Ipv4, "192.0.2.1")]);
        var added = Samples.Entity(EntityType.Indicator, "taxii:indicator-8");
        var bytes = Samples.Package(Writer, Samples.Header(UpdateStrategy.Diff), [Samples.Add(added), Samples.Remove(gone)]);

        using var document = JsonDocument.Parse(bytes);
        var removed = document.RootElement.GetProperty("removed");
        removed.GetArrayLength().Should().Be(1);
        removed[0].GetProperty("id").GetString().Should().Be("taxii:indicator-9");
        removed[0].GetProperty("type").GetString().Should().Be("indicator");
        removed[0].GetProperty("observables")[0].GetProperty("value").GetString().Should().Be("192.0.2.1");
        removed[0].TryGetProperty("data", out _).Should().BeFalse();
        document.RootElement.GetProperty("entities").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public void An_empty_package_is_the_envelope_alone()
    {
        var bytes = Samples.Package(Writer, Samples.Header(), []);

        using var document = JsonDocument.Parse(bytes);
        document.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("format", "header");
    }
}
