using System.Globalization;
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

    [Theory]
    [InlineData("=SUM(A1)")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData("@cmd")]
    [InlineData("\tx")]
    [InlineData("\rx")]
    [InlineData("'quoted")]
    public async Task A_title_defused_against_formulas_reads_back_as_written(string title)
    {
        var entity = Samples.Entity(EntityType.Indicator, "taxii:i-1", [Samples.Observable(ObservableKinds.Ipv4, "192.0.2.1")], title: title);
        var package = Samples.Package(CsvWriter.Instance, Samples.Header(), [Samples.Add(entity)]);

        var read = await Reader.ReadAsync(new MemoryStream(package), TestContext.Current.CancellationToken);

        read.Entities.Single().Title.Should().Be(title);
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

    [Fact]
    public async Task Quoted_fields_keep_quotes_commas_and_line_breaks()
    {
        var read = await ReadAsync("value,entity_id,entity_title\r\n192.0.2.1,\"x:1,a\",\"say \"\"hi\"\", then\r\nleave\"\r\n\"192.0.2.2\",x:2,\"\"\r\n");

        read.Entities.Select(e => (e.ExternalId, e.Title)).Should().Equal(("x:1,a", "say \"hi\", then\r\nleave"), ("x:2", null));
    }

    [Fact]
    public async Task Empty_lines_are_skipped_and_still_counted()
    {
        var read = () => ReadAsync("\r\nvalue,tlp\n\n192.0.2.1,\n\r\n\"\"\n\r192.0.2.2,purple\n");

        (await read.Should().ThrowAsync<ContentReadException>()).Which.Message.Should().StartWith("line 8: unknown TLP");
        (await ReadAsync("\r\nvalue\n\n192.0.2.1\n\r\n\"\"\n\n192.0.2.2")).Entities.Should().HaveCount(2);
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
    [InlineData("value,tlp\r192.0.2.1,purple\r", "line 2: unknown TLP")]
    [InlineData("value,entity_title\n192.0.2.1,\"a\r\nb\"c\n", "line 3: text after the closing quote")]
    [InlineData("value,entity_title\n192.0.2.1,\"a\nb\"\n192.0.2.2,\"c\n\nd\n", "line 4: a quoted field is not closed")]
    [InlineData("value,entity_title\n\"192.0.2.1\nx\",b\"c\n", "line 3: a quote inside an unquoted field")]
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
    public async Task Refuses_an_unclosed_quote_once_it_outgrows_the_row_limit_without_reading_on()
    {
        var package = new EndlessStream("value\n\""u8.ToArray(), "aaaaaaaaaaaaaaa\n"u8.ToArray());

        var read = () => Reader.ReadAsync(package, TestContext.Current.CancellationToken);

        (await read.Should().ThrowAsync<ContentReadException>()).Which.Message.Should().StartWith("line 2: a row is longer");
        package.BytesRead.Should().BeLessThan(8L * CsvRecords.MaxRecordLength, "the row limit stops the buffer, not the end of the input");
    }

    [Fact]
    public async Task A_row_of_the_limit_in_characters_passes_though_its_utf8_is_longer()
    {
        var value = new string('é', CsvRecords.MaxRecordLength - 2);

        var read = await ReadAsync("value,kind\n" + value + ",x\n");

        read.Entities.Single().Observables!.Single().Value.Should().Be(value);
    }

    [Fact]
    public async Task A_large_package_is_read_as_it_streams_in()
    {
        // a refusal comes at its line, with little of an endless input read: the package is never read whole first
        var endless = new EndlessStream("value\n192.0.2.1\n192.0.2.2,extra\n"u8.ToArray(), "192.0.2.3\n"u8.ToArray());

        var refused = () => Reader.ReadAsync(endless, TestContext.Current.CancellationToken);

        (await refused.Should().ThrowAsync<ContentReadException>()).Which.Message.Should().StartWith("line 3: 2 fields where the header has 1");
        endless.BytesRead.Should().BeLessThan(1024 * 1024);

        const int Rows = 100_000;
        var csv = new StringBuilder("kind,value,entity_title\r\n");
        for (var i = 0; i < Rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"ipv4,10.{i >> 16}.{(i >> 8) & 255}.{i & 255},\"row {i}, quoted\"\r\n");
        }

        var read = await ReadAsync(csv.ToString());

        read.Entities.Should().HaveCount(Rows);
        read.Entities[^1].Should().Match<NewEntity>(e => e.Title == $"row {Rows - 1}, quoted" && e.Observables!.Single().Value == "10.1.134.159");
    }

    [Fact]
    public async Task Refuses_utf16_even_with_a_byte_order_mark()
    {
        var read = () => Reader.ReadAsync(new MemoryStream(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("value\n192.0.2.1\n")).ToArray()),
            TestContext.Current.CancellationToken);

        (await read.Should().ThrowAsync<ContentReadException>()).Which.Message.Should().Contain("not UTF-8");
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

    /// <summary>A package that never ends: <c>start</c>, then <c>repeated</c> over and over; it counts what was read.</summary>
    private sealed class EndlessStream(byte[] start, byte[] repeated) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            // a reader that reads the whole input first would never stop; fail the test instead
            if (BytesRead > 256L * 1024 * 1024)
            {
                throw new InvalidOperationException("read 256 MiB of an endless package");
            }

            for (var i = 0; i < buffer.Length; i++, BytesRead++)
            {
                buffer[i] = BytesRead < start.Length ? start[BytesRead] : repeated[(BytesRead - start.Length) % repeated.Length];
            }

            return buffer.Length;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
