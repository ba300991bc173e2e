using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;
using Taxii.Feeds.Publishing;
using Taxii.Feeds.Tests.ContentTypes;
using Taxii.Feeds.Transports;

namespace Taxii.Feeds.Tests.Publishing;

public sealed class PackageComposerTests
{
    private readonly List<FeedPackage> _packages = [];

    [Fact]
    public async Task A_package_that_fits_the_limit_exactly_is_not_split()
    {
        var changes = Indicators(10);
        var whole = Samples.Package(EclecticIqJsonWriter.Instance, Samples.Header(), changes);

        await ComposeAsync(EclecticIqJsonWriter.Instance, whole.Length, changes);

        _packages.Should().ContainSingle().Which.Content.ToArray().Should().Equal(whole);
    }

    [Fact]
    public async Task One_byte_less_moves_the_last_entity_to_a_second_package()
    {
        var changes = Indicators(10);
        var whole = Samples.Package(EclecticIqJsonWriter.Instance, Samples.Header(), changes);

        var composer = await ComposeAsync(EclecticIqJsonWriter.Instance, whole.Length - 1, changes);

        _packages.Select(p => p.EntityCount).Should().Equal(9, 1);
        _packages[0].Content.ToArray().Should().Equal(Samples.Package(EclecticIqJsonWriter.Instance, Samples.Header(), changes.Take(9)));
        _packages[1].Content.ToArray().Should().Equal(Samples.Package(EclecticIqJsonWriter.Instance, Samples.Header(sequence: 2), changes.Skip(9)));
        composer.EntityCount.Should().Be(10);
        composer.ObservableCount.Should().Be(20);
        composer.PackageCount.Should().Be(2);
    }

    [Theory]
    [InlineData(900)]
    [InlineData(1500)]
    [InlineData(3000)]
    public async Task Json_packages_stay_under_the_limit_and_each_parses(int limit)
    {
        var changes = Indicators(40);

        await ComposeAsync(EclecticIqJsonWriter.Instance, limit, changes);

        _packages.Should().HaveCountGreaterThan(1);
        _packages.Sum(p => p.EntityCount).Should().Be(40);
        var read = new List<NewEntity>();
        foreach (var (package, index) in _packages.Select((p, i) => (p, i)))
        {
            package.Content.Length.Should().BeLessThanOrEqualTo(limit);
            package.Sequence.Should().Be(index + 1);
            package.FileName.Should().Be($"feed-7-{index + 1:D4}.json");
            package.Binding.Should().Be("urn:eclecticiq.com:json:1.0");
            package.MediaType.Should().Be("application/json");
            package.Sha256.Should().Equal(SHA256.HashData(package.Content.Span));
            var parsed = await EclecticIqJsonReader.ReadAsync(new MemoryStream(package.Content.ToArray()), TestContext.Current.CancellationToken);
            parsed.Header.Sequence.Should().Be(index + 1);
            parsed.Entities.Should().HaveCount(package.EntityCount);
            read.AddRange(parsed.Entities);
        }

        read.Select(e => e.ExternalId).Should().Equal(changes.Select(c => c.Entity.ExternalId));
    }

    [Fact]
    public async Task Stix_packages_stay_under_the_limit_and_each_is_schema_valid()
    {
        var changes = StixWriter.Instance.TypeOrder
            .SelectMany(t => Enumerable.Range(1, 3).Select(i => Samples.Add(Samples.Entity(t, $"taxii:{t}-{i}", Samples.EveryKind.Take(3).ToList()))))
            .ToList();

        await ComposeAsync(StixWriter.Instance, 6000, changes);

        _packages.Should().HaveCountGreaterThan(2);
        _packages.Sum(p => p.EntityCount).Should().Be(changes.Count);
        foreach (var package in _packages)
        {
            package.Content.Length.Should().BeLessThanOrEqualTo(6000);
            package.IsXml.Should().BeTrue();
            StixSchemas.Errors(package.Content.ToArray()).Should().BeEmpty(Encoding.UTF8.GetString(package.Content.Span));
        }
    }

    [Fact]
    public async Task Csv_packages_each_start_with_the_header_row()
    {
        await ComposeAsync(CsvWriter.Instance, 700, Indicators(12), UpdateStrategy.Diff);

        _packages.Should().HaveCountGreaterThan(1);
        foreach (var package in _packages)
        {
            var rows = Encoding.UTF8.GetString(package.Content.Span).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            rows[0].Should().StartWith("diff,kind,value,");
            rows.Skip(1).Should().HaveCount(package.EntityCount * 2).And.OnlyContain(r => r.StartsWith("add,", StringComparison.Ordinal));
            package.Content.Length.Should().BeLessThanOrEqualTo(700);
        }
    }

    [Fact]
    public async Task A_package_buffer_never_grows_past_the_limit()
    {
        var limit = 64 * 1024 + 5000;

        await ComposeAsync(EclecticIqJsonWriter.Instance, limit, Indicators(300));

        _packages.Should().HaveCountGreaterThan(1);
        foreach (var package in _packages)
        {
            MemoryMarshal.TryGetArray(package.Content, out var segment).Should().BeTrue();
            (segment.Array?.Length ?? int.MaxValue).Should().BeLessThanOrEqualTo(limit, "an ArrayBufferWriter would have doubled to 128 KiB");
        }
    }

    [Fact]
    public async Task Sections_open_once_per_package_in_order_and_reopen_in_the_next_package()
    {
        var changes = Indicators(3).Concat(Indicators(6, "gone").Select(c => c with { Kind = FeedChangeKind.Remove })).ToList();
        var limit = Samples.Package(EclecticIqJsonWriter.Instance, Samples.Header(UpdateStrategy.Diff), changes.Take(6)).Length;

        await ComposeAsync(EclecticIqJsonWriter.Instance, limit, changes, UpdateStrategy.Diff);

        _packages.Should().HaveCount(2);
        using var first = JsonDocument.Parse(_packages[0].Content);
        first.RootElement.GetProperty("entities").GetArrayLength().Should().Be(3);
        first.RootElement.GetProperty("removed").GetArrayLength().Should().Be(3);
        using var second = JsonDocument.Parse(_packages[1].Content);
        second.RootElement.TryGetProperty("entities", out _).Should().BeFalse();
        second.RootElement.GetProperty("removed").GetArrayLength().Should().Be(3);
    }

    [Fact]
    public async Task A_section_after_a_later_one_is_refused()
    {
        var composer = Composer(EclecticIqJsonWriter.Instance, 10_000, UpdateStrategy.Diff);
        await composer.AddAsync(Indicators(1, "gone")[0] with { Kind = FeedChangeKind.Remove }, EmitAsync, TestContext.Current.CancellationToken);

        var add = () => composer.AddAsync(Indicators(1)[0], EmitAsync, TestContext.Current.CancellationToken).AsTask();

        await add.Should().ThrowAsync<InvalidOperationException>().WithMessage("*section 0 after section 1*");
    }

    [Fact]
    public async Task An_entity_too_large_even_alone_is_refused_naming_it()
    {
        var huge = Samples.Add(Samples.Entity(EntityType.Indicator, "taxii:indicator-huge", title: new string('x', 2000)));
        var composer = Composer(EclecticIqJsonWriter.Instance, 1000);
        await composer.AddAsync(Indicators(1)[0], EmitAsync, TestContext.Current.CancellationToken);

        var add = () => composer.AddAsync(huge, EmitAsync, TestContext.Current.CancellationToken).AsTask();

        var error = (await add.Should().ThrowAsync<PackageTooLargeException>()).Which;
        error.Message.Should().MatchRegex(@"^entity taxii:indicator-huge is \d+ bytes, more than MaxBlobSize \(1000 bytes\) allows even alone in a package$");
        error.EntityBytes.Should().BeGreaterThan(2000);
        _packages.Should().ContainSingle("the package before it was complete and emitted");
    }

    [Fact]
    public async Task A_run_that_wrote_nothing_emits_nothing_unless_asked_for_an_empty_package()
    {
        var composer = await ComposeAsync(PlainTextWriter.Instance, 1000,
            [Samples.Add(Samples.Entity(EntityType.ThreatActor, "taxii:ta-1")), Samples.Add(Samples.Entity(EntityType.Campaign, "taxii:c-1"))]);

        _packages.Should().BeEmpty("entities that wrote nothing open no package");
        composer.EntityCount.Should().Be(0);

        var json = Composer(EclecticIqJsonWriter.Instance, 1000);
        await json.CompleteAsync(EmitAsync, TestContext.Current.CancellationToken);
        _packages.Should().BeEmpty();
        await json.EmitEmptyAsync(EmitAsync, TestContext.Current.CancellationToken);

        var empty = _packages.Should().ContainSingle().Subject;
        empty.EntityCount.Should().Be(0);
        empty.FileName.Should().Be("feed-7-0001.json");
        var parsed = await EclecticIqJsonReader.ReadAsync(new MemoryStream(empty.Content.ToArray()), TestContext.Current.CancellationToken);
        parsed.Entities.Should().BeEmpty();
    }

    [Fact]
    public async Task An_empty_stix_package_is_well_formed()
    {
        var composer = Composer(StixWriter.Instance, 5000);

        await composer.EmitEmptyAsync(EmitAsync, TestContext.Current.CancellationToken);

        var package = _packages.Should().ContainSingle().Subject;
        var document = new XmlDocument();
        document.Load(new MemoryStream(package.Content.ToArray()));
        document.DocumentElement?.LocalName.Should().Be("STIX_Package");
        StixSchemas.Errors(package.Content.ToArray()).Should().BeEmpty();
    }

    private static List<FeedChange> Indicators(int count, string name = "indicator") =>
        Enumerable.Range(1, count).Select(i => Samples.Add(Samples.Entity(EntityType.Indicator, $"taxii:{name}-{i:D3}",
            [Samples.Observable(ObservableKinds.Ipv4, $"198.51.100.{i}"), Samples.Observable(ObservableKinds.Domain, $"host{i}.example.com")]))).ToList();

    private PackageComposer Composer(IContentWriter writer, long limit, UpdateStrategy strategy = UpdateStrategy.Replace) =>
        new(writer, limit, sequence => Samples.Header(strategy, sequence), "feed-7");

    private async Task<PackageComposer> ComposeAsync(IContentWriter writer, long limit, IEnumerable<FeedChange> changes, UpdateStrategy strategy = UpdateStrategy.Replace)
    {
        var composer = Composer(writer, limit, strategy);
        foreach (var change in changes)
        {
            await composer.AddAsync(change, EmitAsync, TestContext.Current.CancellationToken);
        }

        await composer.CompleteAsync(EmitAsync, TestContext.Current.CancellationToken);
        return composer;
    }

    private Task EmitAsync(FeedPackage package, CancellationToken cancellationToken)
    {
        _packages.Add(package);
        return Task.CompletedTask;
    }
}
