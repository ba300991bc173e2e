namespace Taxii.Server.Hosting;

/// <summary>
/// Response headers that keep browsers from misusing what the server answers: no MIME sniffing, no framing, no
/// referrer, no caching of API answers (they carry intelligence and credentials' results), and a content security
/// policy: nothing at all for API and TAXII answers (they are data, never pages), the Swagger UI's own scripts and
/// styles for the pages under <c>/swagger</c> and <c>/hangfire</c>, and a strict one (no inline code) for the web UI
/// under <c>/ui</c>.
/// </summary>
internal static class SecurityHeaders
{
    private const string DataPolicy = "default-src 'none'; frame-ancestors 'none'";

    // the UI pages load their scripts and styles from this server; inline code stays allowed until the two UIs are audited for it
    private const string PagePolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

    // the web UI: its own files only, no inline script or style at all, forms posted only back to it
    private const string UiPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var ui = context.Request.Path.StartsWithSegments(Ui.UiSetup.Prefix);
            var page = ui || context.Request.Path.StartsWithSegments("/swagger") || context.Request.Path.StartsWithSegments("/hangfire");
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ui ? UiPolicy : page ? PagePolicy : DataPolicy;
            // UI pages show configuration and intelligence: not kept by the browser either (its files may be)
            if ((!page || (ui && !context.Request.Path.StartsWithSegments(Ui.UiSetup.Prefix + "/assets"))) && !headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });
}
