using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Taxii.Persistence;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin;

/// <summary>
/// The database cannot be reached (down, restarting, refusing connections): the API answers 503 problem details with
/// <c>Retry-After</c>, saying nothing about the database, instead of a 500 that reads as a bug. The host recovers on
/// its own when the database is back (the failure clears the connection pools: <see cref="DatabaseOutage"/>). TAXII
/// exchanges answer their own FAILURE Status_Message.
/// </summary>
internal sealed class DatabaseUnavailableProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseOutage.Observe(exception) || httpContext.Response.HasStarted || httpContext.Features.Get<TaxiiExchange>() is not null)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Detail = "The service is temporarily unavailable: try again shortly.",
            },
        });
    }
}
