using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin;

/// <summary>
/// A request the framework could not bind (a query value that is not a number, JSON that does not parse, a body over
/// the limit): problem details with the request's status, naming the parameter when there is one, so the caller
/// knows what to fix. The value is not echoed. Minimal APIs throw these only with
/// <see cref="RouteHandlerOptions.ThrowOnBadRequest"/>; without it they answer a bare 400.
/// </summary>
internal sealed partial class BadRequestProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted || httpContext.Features.Get<TaxiiExchange>() is not null)
        {
            return false;
        }

        var name = ParameterName().Match(bad.Message) is { Success: true } match ? match.Groups["name"].Value : null;
        ProblemDetails problem = bad.StatusCode == StatusCodes.Status400BadRequest && name is not null
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [name] = [$"{name} has a value this endpoint cannot read"] })
            : new ProblemDetails();
        problem.Status = bad.StatusCode;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    // 'Failed to bind parameter "int? after" from "x".', 'Failed to read parameter "UserRequest body" from the request body as JSON.'
    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[^\"\\s]+)\"")]
    private static partial Regex ParameterName();
}
