namespace Taxii.Server.Hosting;

/// <summary>
/// Response headers that keep browsers from misusing what the server answers: no MIME sniffing, no framing, no
/// referrer, no caching of API answers (they carry intelligence and credentials' results), and a content security
/// policy: nothing at all for API and TAXII answers (they are data, never pages), the Swagger UI's own scripts and
/// styles for the pages under <c>/swagger</c> and <c>/hangfire</c>.
/// </summary>
internal static class SecurityHeaders
{
    private const string DataPolicy = "default-src 'none'; frame-ancestors 'none'";

    // the UI pages load their scripts and styles from this server; inline code stays allowed until the two UIs are audited for it
    private const string PagePolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var page = context.Request.Path.StartsWithSegments("/swagger") || context.Request.Path.StartsWithSegments("/hangfire");
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = page ? PagePolicy : DataPolicy;
            if (!page && !headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });
}
