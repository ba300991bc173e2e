using FluentAssertions;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Xunit;

namespace Taxii.Protocol.Tests.Http;

public sealed class TaxiiHttpBindingTests
{
    private static readonly TaxiiRequestHeaders Valid11 = new("application/xml; charset=utf-8", MessageBindingIds.Xml11,
        ServicesIds.V11, ProtocolBindingIds.Https10, MessageBindingIds.Xml11, "application/xml");

    [Fact]
    public void A_complete_request_is_accepted_and_answered_in_its_binding()
    {
        var result = TaxiiHttpBinding.ValidateRequest(Valid11, https: true);
        result.IsValid.Should().BeTrue();
        result.ResponseVersion.Should().Be(TaxiiVersion.V11);
        result.RequestVersion.Should().Be(TaxiiVersion.V11);
    }

    public static TheoryData<TaxiiRequestHeaders, string, int> Refusals() => new()
    {
        { Valid11 with { TaxiiContentType = null }, "BAD_MESSAGE", 200 },
        { Valid11 with { TaxiiContentType = "urn:taxii.mitre.org:message:json:1.1" }, "BAD_MESSAGE", 200 },
        { Valid11 with { TaxiiServices = null }, "FAILURE", 200 },
        { Valid11 with { TaxiiServices = ServicesIds.V10 }, "FAILURE", 200 },
        { Valid11 with { ContentType = null }, "FAILURE", 200 },
        { Valid11 with { ContentType = "text/xml" }, "FAILURE", 200 },
        { Valid11 with { TaxiiProtocol = null }, "FAILURE", 200 },
        { Valid11 with { TaxiiProtocol = ProtocolBindingIds.Http10 }, "FAILURE", 200 },
        { Valid11 with { TaxiiAccept = "urn:example:message:json" }, "UNSUPPORTED_MESSAGE", 200 },
        { Valid11 with { Accept = "application/json" }, "UNSUPPORTED_MESSAGE", 406 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Bad_headers_are_answered_as_the_reference_server_does(TaxiiRequestHeaders headers, string status, int httpStatus)
    {
        var result = TaxiiHttpBinding.ValidateRequest(headers, https: true);
        result.Status.Should().Be(new StatusType(status));
        result.HttpStatusCode.Should().Be(httpStatus);
        result.Reason.Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("urn:taxii.mitre.org:message:xml:1.0 urn:taxii.mitre.org:message:xml:1.1", MessageBindingIds.Xml11, TaxiiVersion.V10)]
    [InlineData("urn:unknown urn:taxii.mitre.org:message:xml:1.1", MessageBindingIds.Xml10, TaxiiVersion.V11)]
    [InlineData(null, MessageBindingIds.Xml10, TaxiiVersion.V10)]
    [InlineData("", null, TaxiiVersion.V11)]
    public void The_response_binding_follows_x_taxii_accept_then_the_request(string? accept, string? contentType, TaxiiVersion expected) =>
        TaxiiHttpBinding.ChooseResponseVersion(accept, contentType).Should().Be(expected);

    [Fact]
    public void Response_headers_pair_binding_and_services_and_follow_the_transport()
    {
        TaxiiHttpBinding.ResponseHeaders(TaxiiVersion.V10, https: false).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["Content-Type"] = "application/xml",
            [TaxiiHttpHeaders.ContentType] = MessageBindingIds.Xml10,
            [TaxiiHttpHeaders.Services] = ServicesIds.V10,
            [TaxiiHttpHeaders.Protocol] = ProtocolBindingIds.Http10,
        });
    }

    [Theory]
    [InlineData(400, "BAD_MESSAGE")]
    [InlineData(413, "BAD_MESSAGE")]
    [InlineData(401, "UNAUTHORIZED")]
    [InlineData(403, "UNAUTHORIZED")]
    [InlineData(407, "UNAUTHORIZED")]
    [InlineData(406, "UNSUPPORTED_MESSAGE")]
    [InlineData(415, "UNSUPPORTED_MESSAGE")]
    [InlineData(500, "FAILURE")]
    [InlineData(302, "FAILURE")]
    public void Http_status_codes_map_to_taxii_status_types(int code, string status) =>
        TaxiiHttpBinding.StatusFromHttp(code).Should().Be(new StatusType(status));
}
