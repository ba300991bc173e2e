namespace Taxii.Server.Taxii;

/// <summary>
/// Paths that belong to the server itself (REST API, OpenAPI, job dashboard, health, web UI): no TAXII service may take them,
/// and the TAXII catch-all endpoint never answers there, so a request the API refuses (a body that is not JSON: 415)
/// is answered by the API's rules instead of looking like an unknown TAXII path.
/// </summary>
internal sealed class ReservedPaths : IRouteConstraint
{
    public const string ConstraintName = "taxiiServicePath";

    private static readonly string[] Prefixes = ["/api/", "/swagger", "/hangfire", "/health/"];

    // whole segments: /ui and everything under it, but not /uim/
    private static readonly string[] Segments = [Ui.UiSetup.Prefix];

    public static bool IsReserved(string path)
    {
        var absolute = "/" + path.TrimStart('/');
        return Prefixes.Any(p => absolute.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            || Segments.Any(s => new PathString(absolute).StartsWithSegments(s, StringComparison.OrdinalIgnoreCase));
    }

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        !values.TryGetValue(routeKey, out var value) || value is not string path || !IsReserved(path);
}
