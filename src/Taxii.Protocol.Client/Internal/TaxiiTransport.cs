using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Protocol.Client.Internal;

/// <summary>
/// One TAXII exchange over the HTTP binding: a POST with the binding's headers and a streamed body, and the
/// checks on the response before its body is read (HTTP status, X-TAXII-Content-Type).
/// </summary>
internal sealed class TaxiiTransport
{
    private readonly HttpClient _httpClient;
    private readonly TaxiiVersion _version;
    private readonly AuthenticationHeaderValue? _authorization;

    public TaxiiTransport(HttpClient httpClient, TaxiiClientOptions options)
    {
        _httpClient = httpClient;
        _version = options.Version;
        if (options.UserName is { } user && options.Password is { } password)
        {
            // RFC 7617 with charset UTF-8; kept as a header value only, so the password is never logged by us
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
            _authorization = new AuthenticationHeaderValue("Basic", token);
        }
    }

    public TaxiiVersion Version => _version;

    /// <summary>
    /// Posts <paramref name="message"/> and returns the response once its headers are in, its status is 200
    /// and it says it carries a TAXII message. The body is left unread for the caller to stream.
    /// </summary>
    public async Task<(HttpResponseMessage Response, TaxiiVersion Version)> SendAsync(
        Uri uri, ITaxiiMessage message, IAsyncEnumerable<ContentBlock>? inboxBlocks, TimeoutScope scope)
    {
        var cancellationToken = scope.Token;
        ArgumentNullException.ThrowIfNull(uri);

        // X-TAXII-Protocol follows the scheme, so a relative address needs the HttpClient's base address now
        if (!uri.IsAbsoluteUri)
        {
            uri = _httpClient.BaseAddress is { } baseAddress
                ? new Uri(baseAddress, uri)
                : throw new ArgumentException("A relative TAXII service address needs HttpClient.BaseAddress.", nameof(uri));
        }

        var binding = MessageBindingIds.For(_version);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new TaxiiMessageContent(message, _version, inboxBlocks),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(TaxiiHttpHeaders.XmlMediaType));
        request.Headers.Add(TaxiiHttpHeaders.ContentType, binding);
        // each message binding goes with the services version of the same number (libtaxii's services_map)
        request.Headers.Add(TaxiiHttpHeaders.Services, ServicesIds.For(_version));
        request.Headers.Add(TaxiiHttpHeaders.Protocol, ProtocolFor(uri));
        request.Headers.Add(TaxiiHttpHeaders.Accept, binding);
        request.Headers.Authorization = _authorization;

        var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw await NotOkAsync(response, scope);
            }

            var header = HeaderValue(response, TaxiiHttpHeaders.ContentType);
            if (TaxiiHttpBinding.VersionOfMessageBinding(header) is not { } version)
            {
                // HTTP binding §4: a 200 must carry a TAXII message, and §2.1.4 makes this header its mark
                throw new TaxiiProtocolException(
                    StatusType.BadMessage,
                    header is null
                        ? "The response has no X-TAXII-Content-Type header: it does not carry a TAXII message."
                        : $"The response's X-TAXII-Content-Type '{header}' is not a message binding this client reads.");
            }

            return (response, version);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<TaxiiStatusException> NotOkAsync(HttpResponseMessage response, TimeoutScope scope)
    {
        var cancellationToken = scope.Token;
        var mapped = TaxiiHttpBinding.StatusFromHttp((int)response.StatusCode);
        var text = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();

        // HTTP binding §4: a non-200 response MAY carry a Status Message; the peer's own words are the better report
        if (TaxiiHttpBinding.VersionOfMessageBinding(HeaderValue(response, TaxiiHttpHeaders.ContentType)) is not null)
        {
            try
            {
                await using var body = await scope.ReadBodyAsync(response);
                var read = await TaxiiMessageReader.ReadAsync(body, cancellationToken);
                if (read.Message is StatusMessage status && status.Status != StatusType.Success)
                {
                    return new TaxiiStatusException(status, response.StatusCode);
                }
            }
            catch (Exception e) when (e is TaxiiProtocolException or IOException && !scope.IsCancelled)
            {
                // an unreadable body falls back to the status code's meaning
            }
        }

        return new TaxiiStatusException(mapped, text, response.StatusCode);
    }

    /// <summary>The protocol binding must agree with the transport really used (HTTP binding §2.1.6).</summary>
    private static string ProtocolFor(Uri uri) =>
        uri.Scheme switch
        {
            "https" => TaxiiHttpBinding.ProtocolBinding(https: true),
            "http" => TaxiiHttpBinding.ProtocolBinding(https: false),
            _ => throw new ArgumentException($"TAXII over HTTP needs an http or https URI, not '{uri.Scheme}'.", nameof(uri)),
        };

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;
}
