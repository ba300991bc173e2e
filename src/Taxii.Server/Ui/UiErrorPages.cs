using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Taxii.Server.Ui;

/// <summary>
/// Error statuses under <c>/ui</c> (403 for a missing permission, 404, a refused form's 400) answered with the UI's error
/// page in the layout instead of problem details. The status pages handler runs the rest of the pipeline again with the
/// error page as the endpoint, keeping the status; the request is not re-routed (no second routing middleware, which
/// broke hostile-input handling). Everything outside <c>/ui</c> keeps the default handler's answers.
/// </summary>
internal static class UiErrorPages
{
    /// <summary>Set while the error page renders, so visiting <c>/ui/error/403</c> directly shows nothing of the sort.</summary>
    public const string Marker = "taxii:ui-error";

    public static void Configure(StatusCodePagesOptions options)
    {
        var inner = options.HandleAsync;
        options.HandleAsync = context => IsUi(context.HttpContext)
            ? RenderAsync(context)
            : inner(context);
    }

    private static bool IsUi(HttpContext context) =>
        context.Request.Path.StartsWithSegments(UiSetup.Prefix) && !context.Items.ContainsKey(Marker)
        && context.Response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound;

    private static async Task RenderAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        // looked up in this host's endpoints each time (errors are rare): a static copy would outlive its host
        var errorPage = http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .Single(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath == "/Error");
        http.Items[Marker] = true;
        // the error page allows anonymous users, so authorization does not sign the UI's user in: the page's layout
        // needs it for the navigation
        if ((await http.AuthenticateAsync(UiSetup.Scheme)).Principal is { Identity.IsAuthenticated: true } user)
        {
            http.User = user;
        }

        http.SetEndpoint(errorPage);
        http.Request.RouteValues = new RouteValueDictionary
        {
            ["page"] = "/Error",
            ["code"] = http.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await context.Next(http);
    }
}
