using System.Text;
using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Tests.ContentTypes;

/// <summary>Packages of every entity type and observable kind validate against the official STIX 1.2 schemas.</summary>
public sealed class StixWriterSchemaTests
{
    private static readonly StixWriter Writer = StixWriter.Instance;

    /// <summary>Every relation type some STIX component has a slot for, plus one none has.</summary>
    private static readonly string[] RelationTypes =
    [
        "indicated-ttp", "related-indicator", "related-campaign", "exploit-target", "related-ttp", "observed-ttp",
        "associated-campaign", "associated-actor", "related-incident", "attributed-threat-actor", "leveraged-ttp",
        "potential-coa", "related-exploit-target", "related-coa", "related-threat-actor", "related-report", "mentions",
    ];

    [Fact]
    public void A_package_with_every_type_kind_and_relation_is_schema_valid()
    {
        var relations = RelationTypes.Select((t, i) => new NewRelation(t, i % 2 == 0 ? $"taxii:target-{i}" : $"other:target-{i}"))
            .Append(new NewRelation("related-indicator", "http://example.com/indicator/1")).ToList();
        var changes = Writer.TypeOrder.Select(type => Samples.Add(Samples.Entity(type, $"taxii:{type}-1", Samples.EveryKind, relations, Samples.Tricky)));

        var bytes = Samples.Package(Writer, Samples.Header(), changes);

        StixSchemas.Errors(bytes).Should().BeEmpty(Encoding.UTF8.GetString(bytes));
    }

    public static TheoryData<string> Kinds => new(Samples.EveryKind.Select(o => o.Kind));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_observable_kind_alone_is_schema_valid_in_an_indicator_and_as_an_observable(string kind)
    {
        var observable = Samples.EveryKind.Single(o => o.Kind == kind);
        var bytes = Samples.Package(Writer, Samples.Header(),
        [
            Samples.Add(Samples.Entity(EntityType.ObservableOnly, "taxii:observable-1", [observable])),
            Samples.Add(Samples.Entity(EntityType.Indicator, "taxii:indicator-1", [observable])),
        ]);

        StixSchemas.Errors(bytes).Should().BeEmpty(Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("port", "0")]
    [InlineData("port", "443/tcp")]
    [InlineData("hash-md5", "not hex")]
    [InlineData("asn", "AS-EXAMPLE")]
    [InlineData("9 odd kind:", "x")]
    public void Values_that_do_not_fit_their_object_are_still_schema_valid(string kind, string value)
    {
        var bytes = Samples.Package(Writer, Samples.Header(),
            [Samples.Add(Samples.Entity(EntityType.Indicator, "taxii:indicator-1", [Samples.Observable(kind, value)]))]);

        StixSchemas.Errors(bytes).Should().BeEmpty(Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Entities_with_nothing_but_an_id_are_schema_valid()
    {
        var changes = Writer.TypeOrder.Select(type =>
            Samples.Add(new FeedEntity($"taxii:{type}-2", type, null, null, null, null, null, [], null, null, null, null, [], [])));

        var bytes = Samples.Package(Writer, Samples.Header(), changes);

        StixSchemas.Errors(bytes).Should().BeEmpty(Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void An_empty_package_is_schema_valid()
    {
        var bytes = Samples.Package(Writer, Samples.Header(), []);

        StixSchemas.Errors(bytes).Should().BeEmpty(Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void The_validation_catches_a_misplaced_element()
    {
        var bytes = Samples.Package(Writer, Samples.Header(), [Samples.Add(Samples.Entity(EntityType.Indicator, "taxii:indicator-1"))]);
        var broken = Encoding.UTF8.GetString(bytes).Replace("<indicator:Title>", "<indicator:Description>x</indicator:Description><indicator:Title>");

        StixSchemas.Errors(Encoding.UTF8.GetBytes(broken)).Should().ContainSingle().Which.Should().Contain("Title");
    }

    [Fact]
    public void The_validation_catches_an_undeclared_id_prefix()
    {
        var bytes = Samples.Package(Writer, Samples.Header(), [Samples.Add(Samples.Entity(EntityType.Ttp, "taxii:ttp-1"))]);
        var broken = Encoding.UTF8.GetString(bytes).Replace("id=\"taxii:ttp-1\"", "id=\"nowhere:ttp-1\"");

        StixSchemas.Errors(Encoding.UTF8.GetBytes(broken)).Should().NotBeEmpty();
    }
}
