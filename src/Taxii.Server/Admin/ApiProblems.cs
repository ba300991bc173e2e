using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Taxii.Server.Admin;

/// <summary>
/// Describes the problem responses of every API endpoint in one place, from its route and method: 401 and 403 for
/// all, 404 where the route names a resource, and 409, 413 and 422 where a body is sent.
/// </summary>
internal static class ApiProblems
{
    public static RouteGroupBuilder WithProblemResponses(this RouteGroupBuilder api)
    {
        ((IEndpointConventionBuilder)api).Add(endpoint =>
        {
            var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern;
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            var codes = new List<int> { StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden };
            if (pattern?.Parameters.Any(p => p.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase)) == true)
            {
                codes.Add(StatusCodes.Status404NotFound);
            }

            if (methods.Any(m => m is "POST" or "PUT" or "PATCH"))
            {
                codes.AddRange([StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity]);
            }
            else if (methods.Contains("GET"))
            {
                codes.Add(StatusCodes.Status422UnprocessableEntity); // paging and filter values
            }

            foreach (var code in codes)
            {
                var type = code == StatusCodes.Status422UnprocessableEntity ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(code, type, ["application/problem+json"]));
            }
        });
        return api;
    }
}
