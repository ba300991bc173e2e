using System.Net.Http.Headers;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Server.Tests.Security;

/// <summary>TAXII requests with bodies built by hand (the client only sends what it can write), and their answers read back.</summary>
internal static class RawTaxii
{
    public const string Discovery = "/taxii-discovery-service/";
    public const string CollectionManagement = "/taxii-collection-management-service/";
    public const string Inbox = "/taxii-inbox-service/";
    public const string Poll = "/taxii-poll-service/";

    public static readonly string[] Services = [Discovery, CollectionManagement, Inbox, Poll];

    public static readonly TaxiiVersion[] Versions = [TaxiiVersion.V11, TaxiiVersion.V10];

    /// <summary>A POST with the TAXII headers of <paramref name="version"/>.</summary>
    public static HttpRequestMessage Request(string path, HttpContent content, TaxiiVersion version)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(TaxiiHttpHeaders.ContentType, MessageBindingIds.For(version));
        request.Headers.Add(TaxiiHttpHeaders.Services, ServicesIds.For(version));
        request.Headers.Add(TaxiiHttpHeaders.Protocol, ProtocolBindingIds.Http10);
        request.Headers.Add(TaxiiHttpHeaders.Accept, MessageBindingIds.For(version));
        return request;
    }

    public static HttpRequestMessage Request(string path, byte[] body, TaxiiVersion version) =>
        Request(path, new ByteArrayContent(body), version);

    /// <summary>
    /// The TAXII message of an answer, or a reason it is not a well-formed TAXII answer: the binding headers must
    /// name the version the body is written in.
    /// </summary>
    public static async Task<(ITaxiiMessage? Message, string? Problem)> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var binding = response.Headers.TryGetValues(TaxiiHttpHeaders.ContentType, out var values) ? values.FirstOrDefault() : null;
        if (TaxiiHttpBinding.VersionOfMessageBinding(binding) is not { } version)
        {
            return (null, $"HTTP {(int)response.StatusCode} without a TAXII binding header: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            var read = await TaxiiMessageReader.ReadAsync(new MemoryStream(body), version, cancellationToken);
            return (read.Message, null);
        }
        catch (Exception e) when (e is Protocol.TaxiiProtocolException or System.Xml.XmlException or TaxiiUnexpectedMessageException)
        {
            return (null, $"HTTP {(int)response.StatusCode} with a body that is not a TAXII {version} message ({e.Message}): {System.Text.Encoding.UTF8.GetString(body)}");
        }
    }
}
