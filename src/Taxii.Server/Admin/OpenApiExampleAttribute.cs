namespace Taxii.Server.Admin;

/// <summary>An example body, as JSON, shown in the OpenAPI document for the request type it decorates.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class OpenApiExampleAttribute(string json) : Attribute
{
    public string Json { get; } = json;
}
