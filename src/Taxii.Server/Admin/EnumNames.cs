using System.Text.Json;

namespace Taxii.Server.Admin;

/// <summary>Enum values in query strings, spelled as in JSON bodies (kebab-case: <c>threat-actor</c>).</summary>
internal static class EnumNames
{
    public static bool TryParse<TEnum>(string value, out TEnum result)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(JsonNamingPolicy.KebabCaseLower.ConvertName(candidate.ToString()), value, StringComparison.OrdinalIgnoreCase))
            {
                result = candidate;
                return true;
            }
        }

        result = default;
        return false;
    }
}
