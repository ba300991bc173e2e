using System.Text;
using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Tests.ContentTypes;

public sealed class EclecticIqJsonReaderTests
{
    private static readonly EclecticIqJsonWriter Writer = EclecticIqJsonWriter.Instance;

    public static TheoryData<EntityType> Types => new(Enum.GetValues<EntityType>());

    [Theory]
    [MemberData(nameof(Types))]
    public async Task An_entity_written_then_read_is_the_same_entity(EntityType type)
    {
        var entity = Samples.Entity(type, $"taxii:{type}-1", Samples.EveryKind,
            [new NewRelation("indicated-ttp", "taxii:ttp-1"), new NewRelation("related-indicator", "http://other/2")],
            title: Samples.Tricky, data: EntityHashing.Canonical("{\"b\":[1,2.5,{\"z\":null}],\"a\":\"é </script>\"}"));

        var package = await ReadAsync(Samples.Package(Writer, Samples.Header(), [Samples.Add(entity)]));

        var read = package.Entities.Should().ContainSingle().Subject;
        var expected = new NewEntity(entity.Type, entity.ExternalId, entity.Title, entity.Description, entity.Tlp, entity.Reliability,
            entity.ValidFrom, entity.Sources, entity.Data,
            entity.Observables.Select(o => new NewObservable(o.Kind, o.Value, o.Maliciousness)).ToList(), Relations: entity.Relations);
        read.Should().BeEquivalentTo(expected);
        read.ValidFrom.Should().Be(entity.ValidFrom);
        EntityHashing.Hash(read).Should().Equal(EntityHashing.Hash(expected));
    }

    [Fact]
    public async Task Absent_fields_read_as_absent()
    {
        var bare = new FeedEntity("x:1", EntityType.ObservableOnly, null, null, null, null, null, [], null, null, null, null, [], []);

        var read = (await ReadAsync(Samples.Package(Writer, Samples.Header(), [Samples.Add(bare)]))).Entities.Single();

        read.Should().BeEquivalentTo(new NewEntity(EntityType.ObservableOnly, "x:1", Sources: [], Observables: [], Relations: []));
        EntityHashing.Hash(read).Should().Equal(EntityHashing.Hash(new NewEntity(EntityType.ObservableOnly, "x:1")));
    }

    [Fact]
    public async Task Reads_the_header_and_removals()
    {
        var gone = Samples.Entity(EntityType.Sighting, "taxii:sighting-3", [Samples.Observable(ObservableKinds.Ipv4, "192.0.2.1")]);

        var package = await ReadAsync(Samples.Package(Writer, Samples.Header(UpdateStrategy.Diff, 7), [Samples.Remove(gone)]));

        package.Header.Should().Be(new PackageHeader("blocklist", 42, 7, Samples.Produced, UpdateStrategy.Diff));
        package.Entities.Should().BeEmpty("the entities section is absent");
        var removal = package.Removed.Should().ContainSingle().Subject;
        removal.ExternalId.Should().Be("taxii:sighting-3");
        removal.Type.Should().Be(EntityType.Sighting);
        removal.Observables.Should().Equal(new NewObservable(ObservableKinds.Ipv4, "192.0.2.1"));
    }

    [Fact]
    public async Task Ignores_unknown_fields_and_accepts_later_minor_versions()
    {
        const string json = """
            {"format":"urn:eclecticiq.com:json:1.3","future":{"x":[1]},
             "header":{"feed":"f","run":1,"sequence":1,"produced":"2026-01-01T00:00:00+01:00","strategy":"append","extra":1},
             "entities":[{"id":"a:1","type":"campaign","colour":"red","meta":{"tlp":null,"confidence":3}}]}
            """;

        var package = await ReadAsync(Encoding.UTF8.GetBytes(json));

        package.Header.Produced.Should().Be(new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero));
        package.Entities.Single().Should().BeEquivalentTo(new NewEntity(EntityType.Campaign, "a:1", Sources: [], Observables: [], Relations: []));
    }

    [Theory]
    [InlineData("{\"format\":", "not valid JSON")]
    [InlineData("[]", "the package: expected an object, found an array")]
    [InlineData("{\"header\":{}}", "format: missing")]
    [InlineData("{\"format\":\"urn:eclecticiq.com:json:2.0\"}", "format: 'urn:eclecticiq.com:json:2.0' is not")]
    [InlineData("{\"format\":\"urn:eclecticiq.com:json:1.0\"}", "header: missing")]
    [InlineData(Envelope + "\"entities\":[{\"type\":\"indicator\"}]}", "entities[0].id: missing")]
    [InlineData(Envelope + "\"entities\":[{\"id\":\"a\",\"type\":\"Indicator\"}]}", "entities[0].type: 'Indicator' is not an entity type")]
    [InlineData(Envelope + "\"entities\":[{\"id\":\"a\",\"type\":\"ttp\",\"meta\":{\"tlp\":\"purple\"}}]}", "entities[0].meta.tlp: 'purple'")]
    [InlineData(Envelope + "\"entities\":[{\"id\":\"a\",\"type\":\"ttp\",\"meta\":{\"reliability\":\"G\"}}]}", "entities[0].meta.reliability: 'G'")]
    [InlineData(Envelope + "\"entities\":[{\"id\":\"a\",\"type\":\"ttp\",\"meta\":{\"valid_from\":\"yesterday\"}}]}", "entities[0].meta.valid_from: 'yesterday'")]
    [InlineData(Envelope + "\"entities\":[{\"id\":\"a\",\"type\":\"ttp\",\"data\":{\"extra\":\"{}\"}}]}", "entities[0].data.extra: expected an object, found a string")]
    [InlineData(Envelope + "\"entities\":[{\"id\":\"a\",\"type\":\"ttp\",\"observables\":[{\"kind\":\"ipv4\"}]}]}", "entities[0].observables[0].value: missing")]
    [InlineData(Envelope + "\"removed\":[{\"id\":\"a\",\"type\":\"ttp\",\"observables\":{}}]}", "removed[0].observables: expected an array, found an object")]
    public async Task Malformed_input_is_rejected_naming_what_is_wrong(string json, string message)
    {
        var read = () => ReadAsync(Encoding.UTF8.GetBytes(json));

        (await read.Should().ThrowAsync<EclecticIqJsonException>()).Which.Message.Should().Contain(message);
    }

    [Fact]
    public async Task Nesting_deeper_than_64_is_rejected()
    {
        var deep = new string('[', 70) + new string(']', 70);
        var json = Envelope + "\"entities\":[{\"id\":\"a\",\"type\":\"ttp\",\"data\":{\"extra\":{\"x\":" + deep + "}}}]}";

        var read = () => ReadAsync(Encoding.UTF8.GetBytes(json));

        (await read.Should().ThrowAsync<EclecticIqJsonException>()).Which.Message.Should().Contain("not valid JSON").And.Contain("64");
    }

    private const string Envelope =
        "{\"format\":\"urn:eclecticiq.com:json:1.0\",\"header\":{\"feed\":\"f\",\"run\":1,\"sequence\":1,\"produced\":\"2026-01-01T00:00:00Z\",\"strategy\":\"replace\"},";

    private static Task<EclecticIqJsonPackage> ReadAsync(byte[] bytes) =>
        EclecticIqJsonReader.ReadAsync(new MemoryStream(bytes), TestContext.Current.CancellationToken);
}
