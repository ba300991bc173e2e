using System.Globalization;

namespace Taxii.Server.Ui.FeedsView;

/// <summary>
/// Times in the feed forms: a datetime-local value is UTC (the forms say so); an ISO 8601 time with its offset is
/// taken as written. A value that does not parse is an error at its field, before the REST API's rules are asked.
/// </summary>
internal static class FormTime
{
    public static string? Format(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string field, string? value, IDictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        errors[field] = $"'{value}' is not a time: use 2026-12-07T10:30 (UTC) or an ISO 8601 time with its offset";
        return null;
    }
}
