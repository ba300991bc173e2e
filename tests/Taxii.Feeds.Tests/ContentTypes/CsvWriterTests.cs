using System.Text;
using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Tests.ContentTypes;

public sealed class CsvWriterTests
{
    private static readonly CsvWriter Writer = CsvWriter.Instance;

    [Fact]
    public void Describes_the_format()
    {
        Writer.Binding.Should().Be("text/csv");
        Writer.MediaType.Should().Be("text/csv; charset=utf-8");
        Writer.FileExtension.Should().Be("csv");
        Writer.CarriesRemovals.Should().BeTrue();
        Writer.IsXml.Should().BeFalse();
        Writer.SectionOf(FeedChangeKind.Remove, EntityType.Ttp).Should().Be(Writer.SectionOf(FeedChangeKind.Add, EntityType.Indicator));
    }

    [Fact]
    public void Writes_a_header_and_one_row_per_observable_with_crlf()
    {
        var entity = Samples.Entity(EntityType.Indicator, "taxii:indicator-1",
            [Samples.Observable(ObservableKinds.Ipv4, "198.51.100.7"), Samples.Observable(ObservableKinds.Domain, "evil.example.com", Maliciousness.Low)]);

        var text = Text(Samples.Header(UpdateStrategy.Replace), Samples.Add(entity));

        text.Should().Be(
            "kind,value,maliciousness,entity_id,entity_type,entity_title,tlp,valid_from,first_seen,updated_at\r\n"
            + "ipv4,198.51.100.7,high,taxii:indicator-1,indicator,Indicator title,amber,2026-01-02T01:04:05.678Z,2026-01-05T00:00:00Z,2026-02-01T00:00:00Z\r\n"
            + "domain,evil.example.com,low,taxii:indicator-1,indicator,Indicator title,amber,2026-01-02T01:04:05.678Z,2026-01-05T00:00:00Z,2026-02-01T00:00:00Z\r\n");
    }

    [Fact]
    public void An_entity_without_observables_gets_one_row_with_empty_kind_and_value()
    {
        var text = Text(Samples.Header(), Samples.Add(Samples.Entity(EntityType.ThreatActor, "taxii:ta-1")));

        Rows(text)[1].Should().Be(",,,taxii:ta-1,threat-actor,ThreatActor title,amber,2026-01-02T01:04:05.678Z,,2026-02-01T00:00:00Z");
    }

    [Fact]
    public void A_diff_run_marks_rows_add_or_del()
    {
        var gone = new FeedEntity("taxii:indicator-9", EntityType.Indicator, null, null, null, null, null, [], null, null, null, null,
            [new FeedObservable(ObservableKinds.Ipv4, "192.0.2.1", Maliciousness.Unknown, null)], []);

        var text = Text(Samples.Header(UpdateStrategy.Diff),
            Samples.Add(Samples.Entity(EntityType.Indicator, "taxii:indicator-1", [Samples.Observable(ObservableKinds.Ipv4, "198.51.100.7")])),
            Samples.Remove(gone));

        var rows = Rows(text);
        rows[0].Should().StartWith("diff,kind,value,");
        rows[1].Should().StartWith("add,ipv4,198.51.100.7,high,taxii:indicator-1,");
        rows[2].Should().Be("del,ipv4,192.0.2.1,,taxii:indicator-9,indicator,,,,,");
    }

    [Fact]
    public void Quotes_fields_per_rfc_4180_and_keeps_values_exact()
    {
        var value = "a,b \"c\"\r\nd";
        var text = Text(Samples.Header(), Samples.Add(Samples.Entity(EntityType.Indicator, "id,1", [Samples.Observable("x", value)], title: "plain")));

        var fields = Parse(text)[1];
        fields[1].Should().Be(value);
        fields[3].Should().Be("id,1");
        text.Should().Contain("\"a,b \"\"c\"\"\r\nd\"");
    }

    [Fact]
    public void Quotes_only_what_rfc_4180_requires_byte_for_byte()
    {
        // the bytes are the format: CsvHelper quotes for a comma, quote, CR or LF alone, as the hand-written writer did,
        // and not for the spaces around a value that its own default of older versions quoted
        var entity = Samples.Entity(EntityType.Indicator, "id \"1\"",
            [Samples.Observable("x", " padded "), Samples.Observable("y", "lf\nonly"), Samples.Observable("z", "cr\ronly")], title: "tab\tinside, comma");

        var text = Text(Samples.Header(), Samples.Add(entity));

        const string Tail = ",\"id \"\"1\"\"\",indicator,\"tab\tinside, comma\",amber,2026-01-02T01:04:05.678Z,2026-01-05T00:00:00Z,2026-02-01T00:00:00Z\r\n";
        text.Should().Be(
            "kind,value,maliciousness,entity_id,entity_type,entity_title,tlp,valid_from,first_seen,updated_at\r\n"
            + "x, padded ,high" + Tail
            + "y,\"lf\nonly\",high" + Tail
            + "z,\"cr\ronly\",high" + Tail);
    }

    [Fact]
    public void Text_that_is_not_valid_utf16_is_written_as_a_replacement_character()
    {
        var text = Text(Samples.Header(), Samples.Add(Samples.Entity(EntityType.Indicator, "taxii:i-1", [Samples.Observable("x", "a\ud800b")], title: "é")));

        Parse(text)[1][1].Should().Be("a\uFFFDb");
        Parse(text)[1][5].Should().Be("é");
    }

    [Theory]
    [InlineData("=SUM(A1)")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData("@cmd")]
    [InlineData("\tx")]
    [InlineData("\rx")]
    public void Titles_that_a_spreadsheet_would_run_get_a_leading_quote_but_values_do_not(string formula)
    {
        var text = Text(Samples.Header(), Samples.Add(Samples.Entity(EntityType.Indicator, "taxii:i-1", [Samples.Observable("x", formula)], title: formula)));

        var fields = Parse(text)[1];
        fields[5].Should().Be("'" + formula);
        fields[1].Should().Be(formula, "values stay exact for machines");
    }

    private static string Text(PackageHeader header, params FeedChange[] changes) =>
        Encoding.UTF8.GetString(Samples.Package(Writer, header, changes));

    private static string[] Rows(string text) => text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A strict RFC 4180 reader, so the test checks what a consumer would get back.</summary>
    private static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                for (i++; !(text[i] == '"' && (i + 1 == text.Length || text[i + 1] != '"')); i++)
                {
                    field.Append(text[i]);
                    i += text[i] == '"' ? 1 : 0;
                }
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        return rows;
    }
}
