using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.FileProviders;
using Taxii.Persistence;
using Taxii.Server.Auth;

namespace Taxii.Server.Ui;

/// <summary>
/// The administrators' web UI under <c>/ui</c>: Razor Pages (in <c>Ui/Pages</c>) on a cookie scheme of their own. The
/// cookie is sent and honoured only under <c>/ui</c>, so the REST API and TAXII services keep their own schemes and
/// answer 401 with their challenges, never a redirect to the sign-in page. Its CSS and script are embedded in the
/// assembly and served from <c>/ui/assets</c>: no CDN, no front-end build.
/// </summary>
internal static class UiSetup
{
    public const string Prefix = "/ui";
    public const string Scheme = "TaxiiUi";

    /// <summary>Every UI page but sign-in and the error page: a signed-in user, through the UI's cookie only.</summary>
    public const string Policy = "ui";

    public const string PasswordStampClaim = "taxii:password_stamp";

    public static IHostApplicationBuilder AddTaxiiUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Ui/Pages";
            o.Conventions.AuthorizeFolder("/", Policy);
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/Error");
        });
        builder.Services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "taxii-ui";
            o.Cookie.Path = Prefix;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request came over https (directly, or through a trusted TLS proxy); plain-http
            // localhost development still works, and docs/ui.md says to serve the UI over https anywhere else
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = Prefix + "/sign-in";
            o.LogoutPath = Prefix + "/sign-out";
            o.ReturnUrlParameter = "returnUrl";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateAsync;
            // a signed-in user without the permission gets 403, not a redirect
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "taxii-ui-antiforgery";
            o.Cookie.Path = Prefix;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
        });
        builder.Services.AddScoped<UiNavigation>();
        builder.Services.AddScoped<AccessView.UserRoles>();
        builder.Services.AddScoped<AccessView.GroupChanges>();
        builder.Services.Configure<StatusCodePagesOptions>(UiErrorPages.Configure);
        return builder;
    }

    public static WebApplication MapTaxiiUi(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Prefix + "/assets",
            FileProvider = new EmbeddedFileProvider(typeof(UiSetup).Assembly, "Taxii.Server.Ui.Assets"),
        });
        app.MapRazorPages();
        return app;
    }

    /// <summary>The principal of a UI session: the same claims as basic authentication's, and the password stamp.</summary>
    public static ClaimsPrincipal Principal(Login login, string passwordStamp)
    {
        var principal = Logins.Principal(login, Scheme);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(PasswordStampClaim, passwordStamp));
        return principal;
    }

    /// <summary>
    /// Each request checks the user and its permissions, as basic authentication does (<see cref="ActiveUsers"/>): a
    /// deactivation or role change applies to the next request, and a password change ends the user's sessions.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.FindFirstValue(ClaimTypes.Name);
        var stamp = context.Principal?.FindFirstValue(PasswordStampClaim);
        var users = context.HttpContext.RequestServices.GetRequiredService<ActiveUsers>();
        var found = name is null ? null : await users.FindAsync(name, context.HttpContext.RequestAborted);
        if (found is not { User.PasswordHash: { } hash } user || stamp is null
            || !string.Equals(Logins.PasswordStamp(hash), stamp, StringComparison.Ordinal)
            || context.Principal?.FindFirstValue(TaxiiClaims.UserId) != user.User.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        context.ReplacePrincipal(Principal(user.Login, stamp));
    }
}
