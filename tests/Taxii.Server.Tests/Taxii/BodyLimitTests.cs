using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Taxii.Core.Settings;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Taxii.Testing;

namespace Taxii.Server.Tests.Taxii;

public sealed class BodyLimitTests(BodyLimitTests.Factory app) : IClassFixture<BodyLimitTests.Factory>
{
    public sealed class Factory : TaxiiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Taxii:Limits:MaxBlobSize"] = "1024" };
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_unread_with_a_TAXII_status()
    {
        using var http = app.CreateDefaultClient(new SchemaCheckingHandler());
        // a valid message padded past MaxBlobSize + envelope: Kestrel stops reading at the limit
        var padding = new string(' ', (int)BlobLimitsOptions.EnvelopeOverhead + 4096);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/taxii-discovery-service/")
        {
            Content = new StringContent(
                $"<taxii_11:Discovery_Request xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\" message_id=\"1\">{padding}</taxii_11:Discovery_Request>",
                Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        request.Headers.Add(TaxiiHttpHeaders.ContentType, MessageBindingIds.Xml11);
        request.Headers.Add(TaxiiHttpHeaders.Services, ServicesIds.V11);
        request.Headers.Add(TaxiiHttpHeaders.Protocol, ProtocolBindingIds.Http10);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.Should().Contain("status_type=\"BAD_MESSAGE\"").And.Contain("larger than this server accepts");
    }

    [Fact]
    public async Task A_chunked_body_cut_at_the_limit_is_answered_in_response_to_its_message_id()
    {
        var address = app.Address("/");
        // a warm server reads the root as soon as it arrives
        await app.CreateTaxiiClient().DiscoverAsync(app.Address("/taxii-discovery-service/"), TestContext.Current.CancellationToken);
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        // no Content-Length, and the root first: Kestrel stops the body once the reader is past the root, whose
        // message_id it has read
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /taxii-discovery-service/ HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/xml\r\n"
            + $"{TaxiiHttpHeaders.ContentType}: {MessageBindingIds.Xml11}\r\n{TaxiiHttpHeaders.Services}: {ServicesIds.V11}\r\n"
            + $"{TaxiiHttpHeaders.Protocol}: {ProtocolBindingIds.Http10}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"),
            TestContext.Current.CancellationToken);
        await WriteChunkAsync(stream,
            "<taxii_11:Discovery_Request xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\" message_id=\"77\">");
        // time for the server to read the root before the body goes over its limit
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        await WriteChunkAsync(stream, $"<!--{new string('x', (int)BlobLimitsOptions.EnvelopeOverhead + 4096)}-->");

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);

        answer.Should().StartWith("HTTP/1.1 413").And.Contain("status_type=\"BAD_MESSAGE\"").And.Contain("in_response_to=\"77\"");
    }

    private static async Task WriteChunkAsync(Stream stream, string text)
    {
        var data = Encoding.UTF8.GetBytes(text);
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"), TestContext.Current.CancellationToken);
            await stream.WriteAsync(data, TestContext.Current.CancellationToken);
            await stream.WriteAsync("\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
            await stream.FlushAsync(TestContext.Current.CancellationToken);
        }
        catch (IOException)
        {
            // the server may answer and close before it has taken the whole chunk
        }
    }
}
