using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Taxii.Server.Auth;

/// <summary>
/// Set on a request whose credentials were refused unchecked because of too many failed logins (see
/// <see cref="LoginThrottle"/>); the API answers 429, TAXII services an UNAUTHORIZED Status_Message saying so.
/// </summary>
internal sealed record LoginThrottled(TimeSpan RetryAfter)
{
    /// <summary>Whole seconds, rounded up, as Retry-After wants them.</summary>
    public int Seconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);

    public string Message => $"Too many failed login attempts: retry after {Seconds.ToString(CultureInfo.InvariantCulture)} seconds.";

    public void SetRetryAfter(HttpResponse response) => response.Headers.RetryAfter = Seconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>The API's answer: 429 problem details with Retry-After.</summary>
    public async Task WriteProblemAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        SetRetryAfter(context.Response);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many failed login attempts",
                Detail = Message,
            },
        });
    }
}
