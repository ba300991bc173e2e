using System.Net;
using System.Text;
using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Server.Tests.Security;
using Taxii.Testing;
using static Taxii.Server.Tests.Taxii.TaxiiData;

namespace Taxii.Server.Tests.Taxii;

/// <summary>
/// A TAXII server is a transport: content pushed with a plain HTTP client comes back from a poll as it was sent,
/// compared as bytes in the raw response body (libtaxii and our own client both reformat what they send, so
/// neither is used here). Content relying on the envelope's declarations gets exactly those added to its root.
/// </summary>
public sealed class VerbatimContentTests(TaxiiAppFactory app) : IClassFixture<TaxiiAppFactory>
{
    private const string Password = "verbatim password";
    private const string StixNs = "http://stix.mitre.org/stix-1";
    private const string XsiNs = "http://www.w3.org/2001/XMLSchema-instance";

    // as someone writes it by hand for curl: declarations in no particular order, "/>" without a space, \r\n line
    // ends, tabs, a comment, references and characters outside ASCII
    private const string Package =
        "<stix:STIX_Package xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:example=\"http://example.com\"\r\n"
        + "\txmlns:stix=\"http://stix.mitre.org/stix-1\" xmlns:indicator=\"http://stix.mitre.org/Indicator-2\"\r\n"
        + "\tid=\"example:Package-1\" version=\"1.2\">\r\n"
        + "<!-- pushed with curl: keep me -->\r\n"
        + "\t<stix:STIX_Header><stix:Title>caf\u00e9 &amp; \u4e2d &#x3C;</stix:Title></stix:STIX_Header>\r\n"
        + "\t<stix:Indicators>\r\n"
        + "\t\t<stix:Indicator xsi:type=\"indicator:IndicatorType\" id=\"example:indicator-1\" timestamp=\"2014-01-01T00:00:00Z\"/>\r\n"
        + "\t</stix:Indicators>\r\n"
        + "</stix:STIX_Package>";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task A_package_pushed_over_http_polls_back_byte_for_byte(TaxiiVersion version)
    {
        var collection = await SetUpAsync($"verbatim-{version}");

        await PushAsync(version, collection, rootDeclarations: string.Empty, "\r\n      " + Package + "\r\n    ");

        (await PolledContentAsync(version, collection)).Should().Equal(Encoding.UTF8.GetBytes(Package));
    }

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task A_package_relying_on_the_envelope_polls_back_with_exactly_those_declarations_added(TaxiiVersion version)
    {
        var collection = await SetUpAsync($"relying-{version}");
        var declarations = $" xmlns:stix=\"{StixNs}\"\r\n  xmlns:unused=\"urn:unused\" xmlns:xsi=\"{XsiNs}\" xmlns:example=\"http://example.com\"";
        const string Relying = "<stix:STIX_Package id=\"example:Package-2\" version=\"1.2\">\r\n"
            + "\t<stix:Indicators><stix:Indicator xmlns:indicator=\"http://stix.mitre.org/Indicator-2\" xsi:type=\"indicator:IndicatorType\"/></stix:Indicators>\r\n"
            + "</stix:STIX_Package>";

        await PushAsync(version, collection, declarations, Relying);

        var expected = Relying.Replace("<stix:STIX_Package ",
            $"<stix:STIX_Package xmlns:example=\"http://example.com\" xmlns:stix=\"{StixNs}\" xmlns:xsi=\"{XsiNs}\" ", StringComparison.Ordinal);
        Encoding.UTF8.GetString(await PolledContentAsync(version, collection)).Should().Be(expected);
    }

    private async Task<string> SetUpAsync(string name)
    {
        var user = await app.CreateUserAsync(name, Password);
        var collection = await app.AddCollectionAsync(name);
        await app.GrantAsync(user, collection, read: true, write: true);
        return name;
    }

    private async Task PushAsync(TaxiiVersion version, string collection, string rootDeclarations, string content)
    {
        var body = version == TaxiiVersion.V11
            ? $"<taxii_11:Inbox_Message xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\"{rootDeclarations} message_id=\"1\">\r\n"
                + $"  <taxii_11:Destination_Collection_Name>{collection}</taxii_11:Destination_Collection_Name>\r\n"
                + "  <taxii_11:Content_Block>\r\n    <taxii_11:Content_Binding binding_id=\"urn:stix.mitre.org:xml:1.2\"/>\r\n"
                + $"    <taxii_11:Content>{content}</taxii_11:Content>\r\n  </taxii_11:Content_Block>\r\n</taxii_11:Inbox_Message>\r\n"
            : $"<taxii:Inbox_Message xmlns:taxii=\"http://taxii.mitre.org/messages/taxii_xml_binding-1\"{rootDeclarations} message_id=\"1\">\r\n"
                + "  <taxii:Content_Block>\r\n    <taxii:Content_Binding>urn:stix.mitre.org:xml:1.2</taxii:Content_Binding>\r\n"
                + $"    <taxii:Content>{content}</taxii:Content>\r\n  </taxii:Content_Block>\r\n</taxii:Inbox_Message>\r\n";
        using var http = app.CreateClient(collection, Password);
        using var request = RawTaxii.Request(RawTaxii.Inbox, Encoding.UTF8.GetBytes(body), version);

        using var response = await http.SendAsync(request, Ct);

        var (message, problem) = await RawTaxii.ReadAsync(response, Ct);
        problem.Should().BeNull();
        message.Should().BeOfType<StatusMessage>().Which.Status.Should().Be(StatusType.Success);
    }

    /// <summary>The bytes between the Content tags of the one block a poll of the collection returns.</summary>
    private async Task<byte[]> PolledContentAsync(TaxiiVersion version, string collection)
    {
        var (prefix, body) = version == TaxiiVersion.V11
            ? ("taxii_11", $"<taxii_11:Poll_Request xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\" message_id=\"2\" collection_name=\"{collection}\">"
                + "<taxii_11:Poll_Parameters allow_asynch=\"false\"><taxii_11:Response_Type>FULL</taxii_11:Response_Type></taxii_11:Poll_Parameters></taxii_11:Poll_Request>")
            : ("taxii", $"<taxii:Poll_Request xmlns:taxii=\"http://taxii.mitre.org/messages/taxii_xml_binding-1\" message_id=\"2\" feed_name=\"{collection}\"/>");
        using var http = app.CreateClient(collection, Password);
        using var request = RawTaxii.Request(RawTaxii.Poll, Encoding.UTF8.GetBytes(body), version);

        using var response = await http.SendAsync(request, Ct);
        var raw = await response.Content.ReadAsByteArrayAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = Encoding.UTF8.GetString(raw);
        text.Should().Contain($"<{prefix}:Poll_Response").And.Contain($"<{prefix}:Content_Block>");
        var open = Encoding.UTF8.GetBytes($"<{prefix}:Content>");
        var start = raw.AsSpan().IndexOf(open) + open.Length;
        var end = raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"</{prefix}:Content>"));
        raw.AsSpan(end + 1).IndexOf(open).Should().Be(-1, "the collection holds one block");
        return raw[start..end];
    }
}
