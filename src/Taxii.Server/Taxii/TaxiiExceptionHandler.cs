using Microsoft.AspNetCore.Diagnostics;
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
        var exchange = httpContext.Features.Get<TaxiiExchange>();
        if (exchange is null)
        {
            return false;
        }

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

    [LoggerMessage(Level = LogLevel.Error, Message = "TAXII request to {Path} failed")]
    private partial void LogFailure(Exception exception, string path);
}
