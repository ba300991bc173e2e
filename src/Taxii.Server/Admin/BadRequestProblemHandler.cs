using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Taxii.Server.Admin.Json;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin;

/// <summary>
/// A request the framework could not bind (a query value that is not a number, JSON that does not parse, a body over
/// the limit): problem details with the request's status, naming the parameter when there is one, so the caller
/// knows what to fix. JSON bodies are explained where they went wrong: unreadable JSON (400) by line and position, a
/// value of the wrong type or an unknown enum word (422, listing the words) by its JSON path, an unknown field (422) by
/// its name. The value is not echoed. Minimal APIs throw these only with <see cref="RouteHandlerOptions.ThrowOnBadRequest"/>;
/// without it they answer a bare 400.
/// </summary>
internal sealed partial class BadRequestProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted || httpContext.Features.Get<TaxiiExchange>() is not null)
        {
            return false;
        }

        var problem = bad.InnerException is JsonException json ? FromJson(json) : FromBinding(bad);
        httpContext.Response.StatusCode = problem.Status ?? bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    private static ProblemDetails FromBinding(BadHttpRequestException bad)
    {
        var name = ParameterName().Match(bad.Message) is { Success: true } match ? match.Groups["name"].Value : null;
        ProblemDetails problem = bad.StatusCode == StatusCodes.Status400BadRequest && name is not null
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [name] = [$"{name} has a value this endpoint cannot read"] })
            : new ProblemDetails();
        problem.Status = bad.StatusCode;
        return problem;
    }

    private static HttpValidationProblemDetails FromJson(JsonException json)
    {
        var field = Field(json.Path);
        var where = json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})" : string.Empty;
        if (json is JsonEnumValueException)
        {
            return Invalid(field, $"{field} {json.Message}{where}");
        }

        if (UnknownProperty().Match(json.Message) is { Success: true } unknown)
        {
            // the path already ends with the unknown name, or (in some serializer paths) stops at its object
            var name = unknown.Groups["name"].Value;
            var full = field == name || field.EndsWith("." + name, StringComparison.Ordinal) ? field
                : field == "body" ? name : $"{field}.{name}";
            return Invalid(full, $"{full} is not a field of this endpoint{where}: check its spelling against the API's schema (/swagger)");
        }

        if (json.Message.Contains("could not be converted to ", StringComparison.Ordinal))
        {
            // the reader says what it wanted ("Cannot get the value of a token type 'Number' as a string.")
            var wanted = json.InnerException is InvalidOperationException inner && Wanted().Match(inner.Message) is { Success: true } kind
                ? $"must be {kind.Groups["kind"].Value}"
                : "has a value of the wrong type";
            return Invalid(field, $"{field} {wanted}{where}");
        }

        // not JSON at all: the reader's own reason (which quotes at most one character) and where
        var reason = json.Message.Split(" Path:", 2)[0].TrimEnd('.');
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = [$"the body is not valid JSON{where}: {reason}"] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid JSON",
        };
    }

    private static HttpValidationProblemDetails Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request is not valid",
        };

    /// <summary>"$.transport.type" → "transport.type"; the whole body is "body".</summary>
    private static string Field(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    // 'Failed to bind parameter "int? after" from "x".', 'Failed to read parameter "UserRequest body" from the request body as JSON.'
    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[^\"\\s]+)\"")]
    private static partial Regex ParameterName();

    // "The JSON property 'colour' could not be mapped to any .NET member contained in type '...'."
    [GeneratedRegex("property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnknownProperty();

    // "Cannot get the value of a token type 'Number' as a string."
    [GeneratedRegex(" as (?<kind>an? [a-z]+)\\.?$")]
    private static partial Regex Wanted();
}
