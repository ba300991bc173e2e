using Microsoft.AspNetCore.Diagnostics;
using Taxii.Persistence;
using Taxii.Protocol.Messages;

namespace Taxii.Server.Taxii;

/// <summary>
/// The unexpected, on a TAXII exchange: a FAILURE Status_Message with HTTP 200 in the exchange's binding, saying
/// nothing of the cause (it is logged). Elsewhere it passes, and problem details answer.
/// </summary>
internal sealed partial class TaxiiExceptionHandler(ILogger<TaxiiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var exchange = httpContext.Features.Get<TaxiiExchange>() ?? BeforeThePipeline(httpContext);
        if (exchange is null)
        {
            return false;
        }

        DatabaseOutage.Observe(exception);
        LogFailure(exception, httpContext.Request.Path);
        if (httpContext.Response.HasStarted)
        {
            // half a message is worse than none: the client sees the connection drop and retries
            httpContext.Abort();
            return true;
        }

        await TaxiiResponses.WriteAsync(httpContext, exchange,
            TaxiiResponses.Status(exchange, StatusType.Failure, "The server could not process the request. Try again later."));
        return true;
    }

    /// <summary>
    /// A TAXII request that failed before the pipeline began its exchange (the caller's credentials or the service's
    /// path could not be looked up, e.g. with the database down) is still answered in TAXII, in the binding it asked for.
    /// </summary>
    private static TaxiiExchange? BeforeThePipeline(HttpContext http)
    {
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName != DependencyInjection.EndpointName
            || !HttpMethods.IsPost(http.Request.Method))
        {
            return null;
        }

        var https = TaxiiPipeline.IsHttps(http.Request);
        return new TaxiiExchange { Https = https, Version = TaxiiPipeline.ResponseVersion(http.Request, https) };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "TAXII request to {Path} failed")]
    private partial void LogFailure(Exception exception, string path);
}
