namespace Taxii.Server.Admin;

internal static class QueryText
{
    /// <summary>
    /// PostgreSQL text cannot hold a NUL character: a filter value with one would fail in the database, so it is
    /// refused up front as a validation problem naming the parameter.
    /// </summary>
    public static RouteGroupBuilder RefusingNulInQuery(this RouteGroupBuilder api)
    {
        api.AddEndpointFilter(async (context, next) =>
        {
            foreach (var (name, values) in context.HttpContext.Request.Query)
            {
                if (values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
                {
                    return Validation.Problem(new() { [name] = [$"{name} must not contain NUL characters"] });
                }
            }

            return await next(context);
        });
        return api;
    }
}
