using System.Net.Http.Headers;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;

namespace Taxii.Testing;

/// <summary>
/// Checks every TAXII response that passes through it against the official XSD of its binding and fails the call
/// when it is invalid, so that every test that talks TAXII also proves the server's output valid. Where the XSDs are
/// absent (a user's clone without ../shared) responses pass unchecked and the test's own assertions still run; a skip
/// thrown from inside a client call would be caught by the exception assertions of tests that expect a refusal.
/// </summary>
public sealed class SchemaCheckingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var binding = response.Headers.TryGetValues(TaxiiHttpHeaders.ContentType, out var values) ? values.FirstOrDefault() : null;
        if (TaxiiHttpBinding.VersionOfMessageBinding(binding) is not { } version || !TaxiiSchemas.Available)
        {
            return response;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var errors = TaxiiSchemas.Errors(body, version);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"The server's {binding} response is not valid against the XSD: {string.Join("; ", errors)}\n{System.Text.Encoding.UTF8.GetString(body)}");
        }

        var buffered = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers)
        {
            buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = buffered;
        return response;
    }
}
