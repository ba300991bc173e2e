using System.Text;
using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;
using Taxii.Feeds.Tests.ContentTypes;
using Taxii.Feeds.Transports;
using Taxii.Feeds.Transports.Syslog;

namespace Taxii.Feeds.Tests.Transports.Syslog;

public sealed class SyslogMessagesTests
{
    private static readonly SyslogSettings Settings = new("localhost", 514, SyslogSettings.Tcp, 1, 5, SyslogSettings.DefaultMaxMessageSize, VerifyTls: true);

    [Fact]
    public void Each_csv_record_after_the_header_is_one_message_with_its_quoted_line_breaks()
    {
        var entity = Samples.Entity(EntityType.Indicator, "taxii:i-1",
            [Samples.Observable(ObservableKinds.Ipv4, "192.0.2.1"), Samples.Observable(ObservableKinds.Domain, "evil.example")], title: "two\r\nlines, \"quoted\"");
        var csv = Samples.Package(CsvWriter.Instance, Samples.Header(), [Samples.Add(entity), Samples.Add(Samples.Entity(EntityType.ThreatActor, "taxii:ta-1"))]);

        var items = Build(FeedContentType.Csv, csv);

        items.Should().HaveCount(3);
        items[0].Should().StartWith("ipv4,192.0.2.1,high,taxii:i-1,indicator,\"two\r\nlines, \"\"quoted\"\"\",amber,").And.NotEndWith("\n");
        items[1].Should().StartWith("domain,evil.example,");
        items[2].Should().StartWith(",,,taxii:ta-1,threat-actor,");
    }

    [Fact]
    public void Empty_lines_and_a_bom_send_nothing()
    {
        var items = Build(FeedContentType.Csv, [.. Encoding.UTF8.Preamble, .. "value\r\n\r\n192.0.2.1\n\n192.0.2.2"u8]);

        items.Should().Equal("192.0.2.1", "192.0.2.2");
    }

    private static List<string> Build(FeedContentType contentType, byte[] content)
    {
        var delivery = Deliveries.For(OutgoingTransportType.Syslog, new OutgoingTransportSettings());
        delivery.Feed.ContentType = contentType;
        var package = Deliveries.Package(1, "outgoing-1.csv", "text/csv", "text/csv; charset=utf-8", isXml: false, "");
        var messages = SyslogMessages.Build(delivery, package with { Content = content }, Settings, Samples.Produced);

        // the MSG follows the BOM that ends the header
        return messages.Select(m => Encoding.UTF8.GetString(m)).Select(m => m[(m.IndexOf('\uFEFF', StringComparison.Ordinal) + 1)..]).ToList();
    }
}
