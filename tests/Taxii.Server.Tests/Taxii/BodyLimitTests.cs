using System.Net;
using System.Net.Http.Headers;
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
}
