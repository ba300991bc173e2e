using System.Text.Json;
using System.Text.Json.Serialization;

namespace Taxii.Server.Tests.Admin;

/// <summary>How the API's JSON reads: web defaults, enums as kebab-case words.</summary>
internal static class AdminJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
