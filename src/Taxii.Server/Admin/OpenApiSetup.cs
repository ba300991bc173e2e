using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;

namespace Taxii.Server.Admin;

internal static class OpenApiSetup
{
    public const string BasicScheme = "basic";
    public const string BearerScheme = "bearer";

    public static IHostApplicationBuilder AddTaxiiOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // enums travel as kebab-case words: "threat-actor", "course-of-action", "amber"
            options.SerializerOptions.Converters.Add(new Json.NamedEnumConverterFactory(JsonNamingPolicy.KebabCaseLower));
            // a field the endpoint does not know is refused (422 naming it), so a typo never passes unseen
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.AddScoped<OutgoingFeeds.OutgoingFeedSettings>();
        builder.Services.AddScoped<OutgoingFeeds.OutgoingFeedOperations>();
        builder.Services.AddScoped<IncomingFeeds.IncomingFeedSettings>();
        builder.Services.AddScoped<Tokens.TokenOperations>();
        builder.Services.AddScoped<Tokens.PasswordOperations>();
        builder.Services.AddScoped<Users.UserOperations>();
        builder.Services.AddScoped<Users.CertificateOperations>();
        builder.Services.AddScoped<Groups.GroupOperations>();
        builder.Services.AddScoped<Roles.RoleOperations>();
        builder.Services.AddScoped<IncomingFeeds.IncomingFeedOperations>();
        builder.Services.AddScoped<IncomingFeeds.IncomingFeedRunOperations>();
        builder.Services.AddScoped<IncomingFeeds.IncomingFeedUploadOperations>();
        builder.Services.AddScoped<Datasets.DatasetOperations>();
        builder.Services.AddScoped<Datasets.DatasetUploadOperations>();
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Taxii admin API",
                Version = "v1",
                Description = "Configure users, groups, roles, datasets, TAXII collections and services, and feeds. "
                    + "Authenticate with HTTP basic or a personal API token (Authorization: Bearer taxii_...).",
            });
            options.AddSecurityDefinition(BasicScheme, new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "basic" });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal API token from POST /api/v1/me/tokens",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BasicScheme, document)] = [],
                [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [],
            });
            options.SchemaFilter<ExampleSchemaFilter>();
            var xml = Path.Combine(AppContext.BaseDirectory, "Taxii.Server.xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml);
            }
        });
        return builder;
    }

    public static WebApplication UseTaxiiOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "Taxii admin API v1");
            options.RoutePrefix = "swagger";
            options.DocumentTitle = "Taxii admin API";
        });
        return app;
    }
}
