using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace Taxii.Server.Admin;

/// <summary>
/// What answers an API request no endpoint took. Routing alone cannot say why when a catch-all exists: a POST whose
/// body is not JSON (plain <c>curl -d</c>) or a GET on a POST-only path would fall through to it, so this looks the
/// path up among the API's routes and answers as the API would have: 415 naming the content type the endpoint takes,
/// 405 with <c>Allow</c>, or 404, each as problem details.
/// </summary>
internal static class ApiFallback
{
    public static void MapApiFallback(this RouteGroupBuilder api) =>
        api.Map("/{**path}", Answer).ExcludeFromDescription().Add(b => ((RouteEndpointBuilder)b).Order = int.MaxValue - 1);

    private static IResult Answer(HttpContext http, EndpointDataSource endpoints)
    {
        var path = http.Request.Path.Value ?? "/";
        var atPath = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Order < int.MaxValue - 1 && e.RoutePattern.RawText?.StartsWith(AdminApi.Prefix, StringComparison.Ordinal) == true)
            .Where(e => new TemplateMatcher(new RouteTemplate(e.RoutePattern), []).TryMatch(path, []))
            .ToList();
        var methods = atPath.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Distinct().ToList();
        if (atPath.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "There is no such API endpoint: /swagger lists them.");
        }

        if (!methods.Contains(http.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            http.Response.Headers.Allow = string.Join(", ", methods);
            return TypedResults.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, detail: $"This endpoint takes {string.Join(", ", methods)}.");
        }

        var accepted = atPath.Select(e => e.Metadata.GetMetadata<IAcceptsMetadata>()).OfType<IAcceptsMetadata>()
            .SelectMany(a => a.ContentTypes).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var takes = accepted.Count == 0 ? "application/json" : string.Join(" or ", accepted);
        return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
            detail: $"This endpoint takes a body of type {takes}: send it with the header 'Content-Type: {accepted.FirstOrDefault() ?? "application/json"}' (curl: -H 'Content-Type: application/json').");
    }
}
