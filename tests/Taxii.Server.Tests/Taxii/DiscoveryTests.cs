using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FluentAssertions;
using Taxii.Protocol.Client;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Taxii.Server.Taxii;
using Taxii.Testing;

namespace Taxii.Server.Tests.Taxii;

public sealed class DiscoveryTests(DiscoveryTests.Factory app) : IClassFixture<DiscoveryTests.Factory>
{
    private const string Password = "discovery password";
    private const string V11 = "xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\"";
    private const string V10 = "xmlns:taxii=\"http://taxii.mitre.org/messages/taxii_xml_binding-1\"";

    public sealed class Factory : TaxiiAppFactory
    {
        protected override async Task SeedAsync()
        {
            await CreateUserAsync("analyst", Password);
            // besides 'default', which takes anything: a collection taking one subtype, which TAXII 1.0 cannot name
            await TestData.AddCollectionAsync(this, "indicators", Core.Collections.CollectionType.DataFeed,
                [ContentBindingIds.Stix12 + "\u001Furn:example:indicators"], "/taxii-inbox-service/");
        }
    }

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task Authenticated_caller_sees_one_instance_per_service_in_the_version_asked(TaxiiVersion version)
    {
        var client = app.CreateTaxiiClient(version, "analyst", Password);

        var response = await client.DiscoverAsync(app.Address("/taxii-discovery-service/"), TestContext.Current.CancellationToken);

        response.ServiceInstances.Select(s => s.ServiceType).Should().BeEquivalentTo(
            [ServiceType.Discovery, ServiceType.CollectionManagement, ServiceType.Inbox, ServiceType.Poll]);
        response.ServiceInstances.Should().AllSatisfy(s =>
        {
            s.ServiceVersion.Should().Be(ServicesIds.For(version));
            s.MessageBindings.Should().Equal(MessageBindingIds.For(version));
            s.ProtocolBinding.Should().Be(ProtocolBindingIds.Http10);
            s.Address.Should().StartWith(app.Address("/").ToString().TrimEnd('/'));
            s.Available.Should().BeTrue();
        });
        var poll = response.ServiceInstances.Single(s => s.ServiceType == ServiceType.Poll);
        poll.Address.Should().Be(app.Address("/taxii-poll-service/").ToString());
        response.ServiceInstances.Should().AllSatisfy(s => s.SupportedQueries.Should().BeEmpty(
            "a default install advertises no query: libtaxii-based clients refuse a discovery answer naming one they cannot read"));
    }

    [Fact]
    public async Task Anonymous_caller_sees_only_public_services()
    {
        var response = await app.CreateTaxiiClient().DiscoverAsync(app.Address("/taxii-discovery-service"), TestContext.Current.CancellationToken);

        response.ServiceInstances.Should().ContainSingle().Which.ServiceType.Should().Be(ServiceType.Discovery);
    }

    [Fact]
    public async Task Wrong_credentials_are_unauthorized_even_on_a_public_service()
    {
        var discover = () => app.CreateTaxiiClient(TaxiiVersion.V11, "analyst", "not the password")
            .DiscoverAsync(app.Address("/taxii-discovery-service/"), TestContext.Current.CancellationToken);

        (await discover.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.Unauthorized);
    }

    [Fact]
    public async Task X_Forwarded_Proto_is_ignored_when_no_proxy_is_trusted()
    {
        // behind a trusted TLS proxy the header does count: Security/TrustedProxyTests
        using var http = app.CreateDefaultClient(new SchemaCheckingHandler());
        using var request = Request("/taxii-discovery-service/", TaxiiVersion.V11, ProtocolBindingIds.Http10);
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        response.Headers.GetValues(TaxiiHttpHeaders.Protocol).Should().Equal(ProtocolBindingIds.Http10);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.Should().Contain($"<taxii_11:Protocol_Binding>{ProtocolBindingIds.Http10}</taxii_11:Protocol_Binding>");
        body.Should().Contain("<taxii_11:Address>http://").And.NotContain("https://");
    }

    [Fact]
    public async Task Answer_comes_in_the_binding_named_by_X_TAXII_Accept()
    {
        using var http = app.CreateDefaultClient(new SchemaCheckingHandler());
        using var request = Request("/taxii-discovery-service/", TaxiiVersion.V10, ProtocolBindingIds.Http10);
        request.Headers.Add(TaxiiHttpHeaders.Accept, MessageBindingIds.Xml11);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues(TaxiiHttpHeaders.ContentType).Should().Equal(MessageBindingIds.Xml11);
        response.Headers.GetValues(TaxiiHttpHeaders.Services).Should().Equal(ServicesIds.V11);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/xml");
    }

    [Fact]
    public async Task Get_is_refused_with_405_and_Allow_POST()
    {
        using var response = await app.CreateClient().GetAsync("/taxii-discovery-service/", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Equal("POST");
    }

    [Fact]
    public async Task Unknown_path_is_404()
    {
        using var response = await app.CreateClient().PostAsync("/no-such-service/", new StringContent(""), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(null, "X-TAXII-Content-Type is missing", "BAD_MESSAGE")]
    [InlineData("urn:example:not-a-binding", "X-TAXII-Content-Type is missing", "BAD_MESSAGE")]
    public async Task Bad_binding_headers_get_a_status_message_with_HTTP_200(string? contentType, string reason, string status)
    {
        using var http = app.CreateDefaultClient(new SchemaCheckingHandler());
        using var request = Request("/taxii-discovery-service/", TaxiiVersion.V11, ProtocolBindingIds.Http10);
        request.Headers.Remove(TaxiiHttpHeaders.ContentType);
        if (contentType is not null)
        {
            request.Headers.Add(TaxiiHttpHeaders.ContentType, contentType);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.Should().Contain($"status_type=\"{status}\"").And.Contain(reason).And.Contain("in_response_to=\"0\"");
    }

    [Fact]
    public async Task Malformed_xml_is_BAD_MESSAGE_with_the_reason()
    {
        using var http = app.CreateDefaultClient(new SchemaCheckingHandler());
        using var request = Request("/taxii-discovery-service/", TaxiiVersion.V11, ProtocolBindingIds.Http10, "<taxii_11:Discovery_Request");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.Should().Contain("status_type=\"BAD_MESSAGE\"");
    }

    [Theory]
    [InlineData(TaxiiVersion.V11, $"<taxii_11:Discovery_Request {V11} message_id=\"urn:m:42\"><taxii_11:Surprise/></taxii_11:Discovery_Request>", "urn:m:42")]
    [InlineData(TaxiiVersion.V10, $"<taxii:Discovery_Request {V10} message_id=\"42\"><taxii:Surprise/></taxii:Discovery_Request>", "42")]
    [InlineData(TaxiiVersion.V11, $"<taxii_11:Discovery_Request {V11} message_id=\"43\"/><second/>", "43")]
    [InlineData(TaxiiVersion.V11, $"<taxii:Discovery_Request {V10} message_id=\"44\"/>", "44")]
    [InlineData(TaxiiVersion.V10, $"<taxii_11:Discovery_Request {V11} message_id=\"urn:m:45\"/>", "0")]
    [InlineData(TaxiiVersion.V10, $"<taxii:Discovery_Request {V10} message_id=\"abc\"/>", "0")]
    public async Task A_refused_message_is_answered_in_response_to_its_message_id_when_it_is_readable(TaxiiVersion version, string body, string inResponseTo)
    {
        using var http = app.CreateDefaultClient(new SchemaCheckingHandler());
        using var request = Request("/taxii-discovery-service/", version, ProtocolBindingIds.Http10, body);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        var (message, problem) = await Security.RawTaxii.ReadAsync(response, TestContext.Current.CancellationToken);
        problem.Should().BeNull();
        var status = message.Should().BeOfType<StatusMessage>().Subject;
        status.Status.Should().Be(StatusType.BadMessage);
        // "0" only where the message_id could not be read, or cannot be carried in the answer's version (1.0: digits)
        status.InResponseTo.Should().Be(inResponseTo);
    }

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task The_inbox_advertises_what_its_collections_accept_in_the_version_asked(TaxiiVersion version)
    {
        var response = await app.CreateTaxiiClient(version, "analyst", Password)
            .DiscoverAsync(app.Address("/taxii-discovery-service/"), TestContext.Current.CancellationToken);

        var inbox = response.ServiceInstances.Single(s => s.ServiceType == ServiceType.Inbox);
        if (version == TaxiiVersion.V11)
        {
            inbox.ContentBindings.Should().BeEmpty("'default' takes anything, which 1.1 says with no Content_Binding");
        }
        else
        {
            // 1.0 sees 'default' as taking the STIX bindings; subtypes do not exist there
            inbox.ContentBindings.Select(b => b.BindingId).Should().BeEquivalentTo(CollectionContent.AnyInV10);
            inbox.ContentBindings.Should().AllSatisfy(b => b.Subtypes.Should().BeEmpty());
        }
    }

    [Fact]
    public async Task A_1_1_message_id_that_is_not_digits_is_answered_in_1_0_in_response_to_0()
    {
        using var http = app.CreateDefaultClient(new SchemaCheckingHandler());
        using var request = Request("/taxii-discovery-service/", TaxiiVersion.V11, ProtocolBindingIds.Http10,
            $"<taxii_11:Discovery_Request {V11} message_id=\"urn:m:46\"/>");
        request.Headers.Add(TaxiiHttpHeaders.Accept, MessageBindingIds.Xml10);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        var (message, problem) = await Security.RawTaxii.ReadAsync(response, TestContext.Current.CancellationToken);
        problem.Should().BeNull();
        // the Discovery_Response itself, in the version asked for, which cannot carry the id
        message.Should().BeOfType<DiscoveryResponse>().Which.InResponseTo.Should().Be(MessageIds.Unreadable);
        app.Logs.Errors().Should().BeEmpty();
    }

    [Fact]
    public async Task A_message_the_service_does_not_take_is_UNSUPPORTED_MESSAGE()
    {
        var info = () => app.CreateTaxiiClient().GetCollectionInformationAsync(app.Address("/taxii-discovery-service/"),
            TestContext.Current.CancellationToken);

        (await info.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.UnsupportedMessage);
    }

    /// <summary>A raw TAXII request (a Discovery_Request with a fixed message id unless <paramref name="body"/> is given).</summary>
    internal static HttpRequestMessage Request(string path, TaxiiVersion version, string protocol, string? body = null)
    {
        body ??= version == TaxiiVersion.V11
            ? "<taxii_11:Discovery_Request xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\" message_id=\"42\"/>"
            : "<taxii:Discovery_Request xmlns:taxii=\"http://taxii.mitre.org/messages/taxii_xml_binding-1\" message_id=\"42\"/>";
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        request.Headers.Add(TaxiiHttpHeaders.ContentType, MessageBindingIds.For(version));
        request.Headers.Add(TaxiiHttpHeaders.Services, ServicesIds.For(version));
        request.Headers.Add(TaxiiHttpHeaders.Protocol, protocol);
        return request;
    }
}
