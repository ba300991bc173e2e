using Microsoft.Extensions.Options;
using Taxii.Core.Settings;
using Taxii.Protocol;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Server.Taxii;

/// <summary>
/// Every TAXII request: find the service by path, check the HTTP binding, read the message, check the caller,
/// hand it to the service type's handler, and answer in the binding the client asked for. Expected refusals are
/// Status_Messages sent with HTTP 200; the unexpected goes to <see cref="TaxiiExceptionHandler"/>.
/// </summary>
internal sealed partial class TaxiiPipeline(
    ServiceDirectory directory,
    IEnumerable<ITaxiiMessageHandler> handlers,
    IOptions<BlobLimitsOptions> limits,
    ILogger<TaxiiPipeline> logger)
{
    private readonly Dictionary<Core.Collections.ServiceType, ITaxiiMessageHandler> _handlers =
        handlers.ToDictionary(h => h.ServiceType);

    public async Task HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        var service = await directory.FindAsync(http.Request.Path.Value ?? "/", cancellationToken);
        if (service is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!HttpMethods.IsPost(http.Request.Method))
        {
            // the binding only defines POST; say so plainly rather than guess a TAXII answer to a browser
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "POST";
            await http.Response.WriteAsync("This is a TAXII service: send TAXII messages with HTTP POST.", cancellationToken);
            return;
        }

        var exchange = new TaxiiExchange { Https = IsHttps(http.Request) };
        http.Features.Set(exchange);
        var validation = TaxiiHttpBinding.ValidateRequest(ReadHeaders(http.Request), exchange.Https);
        exchange.Version = validation.ResponseVersion;
        if (!validation.IsValid)
        {
            LogRefused(service.Path, validation.Status!.Value.Value, validation.Reason);
            await TaxiiResponses.WriteAsync(http, exchange, TaxiiResponses.Status(exchange, validation.Status!.Value, validation.Reason), validation.HttpStatusCode);
            return;
        }

        ITaxiiMessage message;
        try
        {
            // read straight from the body: the protocol reader only reads asynchronously, and Kestrel's body limit
            // stops a message that is too large while it is being read
            var options = TaxiiReaderOptions.Default with { MaxCharactersInDocument = limits.Value.MaxRequestBodySize };
            using var root = await TaxiiMessageReader.OpenAsync(http.Request.Body, options, validation.RequestVersion, cancellationToken);
            // from the root on, every answer (a refusal, a body cut short, the unexpected) is in response to this message
            exchange.RespondTo(root.MessageId);
            message = (await root.ReadAsync(cancellationToken)).Message;
        }
        catch (TaxiiProtocolException e)
        {
            exchange.RespondTo(e.MessageId);
            LogRefused(service.Path, e.Status.Value, e.Message);
            await TaxiiResponses.WriteAsync(http, exchange, TaxiiResponses.Status(exchange, e.Status, e.Message));
            return;
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel stopped reading: at the body limit (nothing past it was buffered), a body arriving slower than
            // the minimum data rate, broken chunked framing. The client's doing, answered as such (if it still listens)
            var reason = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"The message is larger than this server accepts ({limits.Value.MaxRequestBodySize} bytes)."
                : $"The request body could not be read: {e.Message}";
            LogRefused(service.Path, StatusType.BadMessage.Value, reason);
            await TaxiiResponses.WriteAsync(http, exchange, TaxiiResponses.Status(exchange, StatusType.BadMessage, reason), e.StatusCode);
            return;
        }

        exchange.RespondTo(message.MessageId);
        var caller = TaxiiCaller.From(http.User);
        var refusal = CheckAccess(service, caller, http.Request);
        if (refusal is not null)
        {
            LogRefused(service.Path, refusal.Value.Status.Value, refusal.Value.Reason);
            await TaxiiResponses.WriteAsync(http, exchange, TaxiiResponses.Status(exchange, refusal.Value.Status, refusal.Value.Reason));
            return;
        }

        if (!_handlers.TryGetValue(service.Type, out var handler) || !handler.Accepts(message))
        {
            await TaxiiResponses.WriteAsync(http, exchange, TaxiiResponses.Status(exchange, StatusType.UnsupportedMessage,
                $"A {service.Type} service does not take {message.GetType().Name} messages."));
            return;
        }

        var request = new TaxiiRequest(service, message, exchange.Version, caller, exchange.Https, BaseAddress(http.Request, exchange.Https))
        {
            InResponseTo = exchange.InResponseTo,
        };
        switch (await handler.HandleAsync(request, cancellationToken))
        {
            case TaxiiReply.MessageReply reply:
                await TaxiiResponses.WriteAsync(http, exchange, reply.Message);
                break;
            case TaxiiReply.StreamReply stream:
                TaxiiResponses.SetHeaders(http, exchange);
                await stream.WriteAsync(http.Response.BodyWriter, cancellationToken);
                break;
        }
    }

    private static (StatusType Status, string Reason)? CheckAccess(Core.Collections.Service service, TaxiiCaller caller, HttpRequest request)
    {
        if (request.HttpContext.Features.Get<Auth.LoginThrottled>() is { } throttled)
        {
            // TAXII has no rate-limit status, and clients map HTTP 401/403 to UNAUTHORIZED anyway: say it in TAXII
            // (HTTP 200, as the binding wants errors), with Retry-After for HTTP-aware clients
            throttled.SetRetryAfter(request.HttpContext.Response);
            return (StatusType.Unauthorized, throttled.Message);
        }

        var presentedCredentials = request.Headers.Authorization.Count > 0 || request.HttpContext.Connection.ClientCertificate is not null;
        if (!caller.IsAuthenticated && (service.AuthenticationRequired || presentedCredentials))
        {
            // wrong credentials (or an unregistered client certificate) are refused even on a public service: the caller meant to be someone
            return (StatusType.Unauthorized, service.AuthenticationRequired
                ? "This service requires authentication (HTTP basic)."
                : "The credentials were not accepted.");
        }

        return service.Available ? null : (StatusType.Denied, "This service is not available.");
    }

    private static TaxiiRequestHeaders ReadHeaders(HttpRequest request) => new(
        request.ContentType,
        request.Headers[TaxiiHttpHeaders.ContentType].FirstOrDefault(),
        request.Headers[TaxiiHttpHeaders.Services].FirstOrDefault(),
        request.Headers[TaxiiHttpHeaders.Protocol].FirstOrDefault(),
        request.Headers[TaxiiHttpHeaders.Accept].FirstOrDefault(),
        request.Headers.Accept.Count == 0 ? null : request.Headers.Accept.ToString());

    /// <summary>The TAXII version to answer a request in, from its headers (1.1 when they say nothing usable).</summary>
    public static TaxiiVersion ResponseVersion(HttpRequest request, bool https) =>
        TaxiiHttpBinding.ValidateRequest(ReadHeaders(request), https).ResponseVersion;

    /// <summary>
    /// Whether the client used https. Behind a TLS-terminating proxy listed in Taxii:TrustedProxies, the forwarded
    /// headers middleware has already set the scheme from its X-Forwarded-Proto; anyone else's header is ignored.
    /// </summary>
    public static bool IsHttps(HttpRequest request) => request.IsHttps;

    public static string BaseAddress(HttpRequest request, bool https) =>
        $"{(https ? "https" : "http")}://{request.Host}{request.PathBase}";

    [LoggerMessage(Level = LogLevel.Information, Message = "TAXII request to {Service} refused with {Status}: {Reason}")]
    private partial void LogRefused(string service, string status, string? reason);
}
