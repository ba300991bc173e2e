using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Taxii.Server.Admin;

/// <summary>Puts <see cref="OpenApiExampleAttribute"/> bodies into the schemas of the request types.</summary>
internal sealed class ExampleSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && context.Type.GetCustomAttribute<OpenApiExampleAttribute>() is { } example)
        {
            concrete.Example = JsonNode.Parse(example.Json);
        }
    }
}
