using System.Net;
using System.Text.Json;
using FluentAssertions;
using Taxii.Server.Tests.Admin;
using Taxii.Testing;
using Taxii.Testing.Peers;

namespace Taxii.Server.Tests.Feeds;

/// <summary>Outgoing feeds as RFC 5424 syslog messages to a real rsyslog the fixture starts on loopback.</summary>
public sealed class SyslogTransportTests(TransportPublisher app, RsyslogServer rsyslog)
    : IClassFixture<TransportPublisher>, IClassFixture<RsyslogServer>
{
    private readonly RsyslogServer _rsyslog = rsyslog.Required();

    private FeedApi Admin => app.Admin;

    [Fact]
    public async Task Over_TCP_each_CSV_record_arrives_as_one_RFC_5424_message()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("syslog tcp source");
        await api.AddEntitiesAsync(dataset, """
            [{"type":"indicator","title":"tcp indicator","observables":[{"kind":"ipv4","value":"198.51.100.91"},{"kind":"domain","value":"tcp.example"}]},
             {"type":"threat-actor","title":"tcp actor"}]
            """);
        var feed = await api.CreateFeedAsync(FeedJson("syslog tcp", dataset, "csv", "\"syslogProtocol\":\"tcp\""));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("succeeded", run.GetProperty("error").ToString());
        var runId = run.GetProperty("id").GetInt64();
        var sd = $"[taxii@32473 feed=\"syslog tcp\" run=\"{runId}\" package=\"1\"]";
        var lines = await _rsyslog.WaitForAsync(l => l.Contains(sd, StringComparison.Ordinal), 3);
        lines.Should().HaveCount(3, "two observable rows and the actor's row, the header not sent");
        lines.Should().OnlyContain(l => l.StartsWith("<13>1 ", StringComparison.Ordinal), "facility 1 (user) and severity 5 (notice) by default");
        lines.Should().ContainSingle(l => l.Contains("198.51.100.91")).And.ContainSingle(l => l.Contains("tcp.example")).And.ContainSingle(l => l.Contains("tcp actor"));
        lines.Should().OnlyContain(l => l.Contains(sd + " \uFEFF", StringComparison.Ordinal), "the MSG is UTF-8 with its BOM, after the structured data");
    }

    [Fact]
    public async Task Over_UDP_each_plain_text_line_arrives_with_the_facility_and_severity_set()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("syslog udp source");
        await api.AddEntitiesAsync(dataset, """
            [{"type":"indicator","title":"udp indicator","observables":[{"kind":"ipv4","value":"198.51.100.92"},{"kind":"ipv4","value":"198.51.100.93"}]}]
            """);
        var feed = await api.CreateFeedAsync(FeedJson("syslog udp", dataset, "plain-text", "\"syslogProtocol\":\"udp\",\"facility\":4,\"severity\":2"));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("succeeded", run.GetProperty("error").ToString());
        var lines = await _rsyslog.WaitForAsync(l => l.Contains("feed=\"syslog udp\"", StringComparison.Ordinal), 2);
        lines.Should().HaveCount(2).And.OnlyContain(l => l.StartsWith("<34>1 ", StringComparison.Ordinal), "4 × 8 + 2");
        lines.Select(l => l[(l.IndexOf('\uFEFF') + 1)..]).Should().BeEquivalentTo("198.51.100.92", "198.51.100.93");
    }

    [Fact]
    public async Task Over_TLS_messages_arrive_and_an_unverified_certificate_is_refused_unless_told()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("syslog tls source");
        await api.AddEntitiesAsync(dataset, """[{"type":"indicator","title":"tls indicator","observables":[{"kind":"ipv4","value":"198.51.100.94"}]}]""");
        var tls = $"\"syslogProtocol\":\"tls\",\"port\":{_rsyslog.TlsPort}";
        var trusting = await api.CreateFeedAsync(FeedJson("syslog tls", dataset, "plain-text", tls + ",\"verifyTls\":false"));
        var verifying = await api.CreateFeedAsync(FeedJson("syslog tls verified", dataset, "plain-text", tls));

        var run = await api.RunAsync(trusting);
        var refused = await api.RunAsync(verifying);

        run.GetProperty("status").GetString().Should().Be("succeeded", run.GetProperty("error").ToString());
        (await _rsyslog.WaitForAsync(l => l.Contains("feed=\"syslog tls\"", StringComparison.Ordinal), 1))
            .Should().ContainSingle().Which.Should().EndWith("\uFEFF198.51.100.94");
        refused.GetProperty("status").GetString().Should().Be("failed");
        refused.GetProperty("error").GetString().Should().StartWith($"Connecting: the TLS handshake with syslog+tls://127.0.0.1:{_rsyslog.TlsPort} failed");
    }

    [Fact]
    public async Task An_item_over_the_message_limit_fails_its_package_unsent_naming_the_item()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("syslog long source");
        var longUrl = "http://long.example/" + new string('a', 600);
        await api.AddEntitiesAsync(dataset, $$"""[{"type":"indicator","title":"long","observables":[{"kind":"url","value":"{{longUrl}}"}]}]""");
        var feed = await api.CreateFeedAsync(FeedJson("syslog long", dataset, "plain-text", "\"maxMessageSize\":480"));

        var run = await api.RunAsync(feed);

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().Contain("item 1").And.Contain("over the limit of 480").And.Contain("nothing of the package was sent");
        (await _rsyslog.ReceivedAsync()).Should().NotContain(l => l.Contains("feed=\"syslog long\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_settings_are_refused_with_422_naming_each_field()
    {
        var api = Admin;
        var dataset = await api.CreateDatasetAsync("syslog invalid source");
        var problem = await api.PostAsync("/api/v1/outgoing-feeds", $$$"""
            {"name":"syslog invalid","datasetIds":[{{{dataset}}}],"contentType":"stix-1.2","updateStrategy":"replace",
             "transport":{"type":"syslog","port":0,"syslogProtocol":"relp","facility":24,"severity":8,"maxMessageSize":100}}
            """, HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>().Should().ContainKeys(
            "contentType", "transport.host", "transport.port", "transport.syslogProtocol", "transport.facility", "transport.severity", "transport.maxMessageSize");
    }

    private string FeedJson(string name, int dataset, string contentType, string transport) => $$$"""
        {"name":"{{{name}}}","datasetIds":[{{{dataset}}}],"contentType":"{{{contentType}}}","updateStrategy":"replace",
         "transport":{"type":"syslog","host":"127.0.0.1",{{{(transport.Contains("\"port\"", StringComparison.Ordinal) ? "" : $"\"port\":{_rsyslog.Port},")}}}{{{transport}}}}}
        """;
}
