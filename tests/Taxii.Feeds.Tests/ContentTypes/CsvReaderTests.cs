using System.Text;
using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Tests.ContentTypes;

public sealed class CsvReaderTests
{
    private static readonly CsvReader Reader = CsvReader.Instance;

    [Fact]
    public async Task What_CsvWriter_writes_reads_back_with_removals()
    {
        var indicator = Samples.Entity(EntityType.Indicator, "taxii:indicator-1", Samples.EveryKind, title: "=cmd, \"quoted\"\r\nline");
        var actor = Samples.Entity(EntityType.ThreatActor, "taxii:actor-1");
        var gone = Samples.Entity(EntityType.Indicator, "taxii:indicator-9", [Samples.Observable(ObservableKinds.Ipv4, "192.0.2.9")]);
        var package = Samples.Package(CsvWriter.Instance, Samples.Header(UpdateStrategy.Diff),
            [Samples.Add(indicator), Samples.Add(actor), Samples.Remove(gone)]);

        var read = await Reader.ReadAsync(new MemoryStream(package), TestContext.Current.CancellationToken);

        read.RemovedIds.Should().Equal("taxii:indicator-9");
        read.Entities.Should().HaveCount(2);
        var e = read.Entities[0];
        e.ExternalId.Should().Be("taxii:indicator-1");
        e.Type.Should().Be(EntityType.Indicator);
        e.Title.Should().Be(indicator.Title);
        e.Tlp.Should().Be(Tlp.Amber);
        e.ValidFrom.Should().Be(indicator.ValidFrom);
        e.Observables.Should().Equal(Samples.EveryKind.Select(o => new NewObservable(o.Kind, o.Value, o.Maliciousness)));
        read.Entities[1].Should().Match<NewEntity>(a => a.ExternalId == "taxii:actor-1" && a.Type == EntityType.ThreatActor && a.Observables!.Count == 0);
    }

    [Fact]
    public async Task A_third_party_list_needs_only_a_value_column()
    {
        const string csv = "\uFEFFValue,Comment,KIND\n198.51.100.1,\"first, with comma\",\nevil.example.com,,\n\"multi\nline\",x,\nnot a kind,,\n"
            + "d41d8cd98f00b204e9800998ecf8427e,,hash-md5\r\n,,\r\n";

        var read = await ReadAsync(csv);

        read.Entities.Select(e => e.Observables!.Single()).Should().Equal(
            new NewObservable(ObservableKinds.Ipv4, "198.51.100.1"),
            new NewObservable(ObservableKinds.Domain, "evil.example.com"),
            new NewObservable(ObservableKinds.HashMd5, "d41d8cd98f00b204e9800998ecf8427e"));
        read.Entities.Should().OnlyContain(e => e.ExternalId == null && e.Type == EntityType.ObservableOnly);
        read.RemovedIds.Should().BeEmpty();
    }

    [Fact]
    public async Task Rows_of_one_entity_id_are_one_entity()
    {
        var read = await ReadAsync("entity_id,value,tlp\nx:1,192.0.2.1,TLP:RED\nx:2,192.0.2.2,\nx:1,192.0.2.3,\n");

        read.Entities.Should().HaveCount(2);
        read.Entities[0].ExternalId.Should().Be("x:1");
        read.Entities[0].Tlp.Should().Be(Tlp.Red);
        read.Entities[0].Observables!.Select(o => o.Value).Should().Equal("192.0.2.1", "192.0.2.3");
    }

    [Theory]
    [InlineData("kind,value\nipv4,\"192.0.2.1\n", "line 2: a quoted field is not closed")]
    [InlineData("kind,value\nipv4,192.0.2.1\nipv4,192.0.2.2,extra\n", "line 3: 3 fields where the header has 2")]
    [InlineData("kind,indicator\nipv4,192.0.2.1\n", "line 1: the header has no 'value' column")]
    [InlineData("value\n19\"2.0.2.1\n", "line 2: a quote inside an unquoted field")]
    [InlineData("value\n\"a\"b\n", "line 2: text after the closing quote")]
    [InlineData("value,entity_type\n192.0.2.1,malware\n", "line 2: unknown entity type")]
    [InlineData("value,tlp\n192.0.2.1,purple\n", "line 2: unknown TLP")]
    [InlineData("diff,value,entity_id\nmaybe,192.0.2.1,x:1\n", "line 2: diff must be")]
    [InlineData("value,valid_from\n\"a\nb\",\n192.0.2.1,yesterday\n", "line 4: valid_from")]
    public async Task Refuses_malformed_csv_naming_the_line(string csv, string reason)
    {
        var read = () => ReadAsync(csv);

        (await read.Should().ThrowAsync<ContentReadException>()).Which.Message.Should().StartWith(reason);
    }

    [Fact]
    public async Task Refuses_a_row_longer_than_1_MiB()
    {
        var read = () => ReadAsync("value\n" + new string('a', CsvRecords.MaxRecordLength + 2) + "\n");

        (await read.Should().ThrowAsync<ContentReadException>()).Which.Message.Should().Contain("line 2: a row is longer");
    }

    [Fact]
    public async Task Refuses_bytes_that_are_not_utf8()
    {
        var read = () => Reader.ReadAsync(new MemoryStream([.. "value\n"u8, 0xC3, 0x28, (byte)'\n']), TestContext.Current.CancellationToken);

        (await read.Should().ThrowAsync<ContentReadException>()).Which.Message.Should().Contain("not UTF-8");
    }

    [Theory]
    [InlineData("text/csv", true)]
    [InlineData("text/csv; charset=utf-8", true)]
    [InlineData("TEXT/CSV", true)]
    [InlineData("text/plain", false)]
    public void Accepts_the_csv_media_type(string binding, bool accepted) => Reader.Accepts(binding).Should().Be(accepted);

    private static Task<ParsedPackage> ReadAsync(string csv) =>
        Reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), TestContext.Current.CancellationToken);
}
