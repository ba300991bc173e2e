using System.Globalization;
using Taxii.Core.Entities;
using Taxii.Server.Admin.Datasets;

namespace Taxii.Server.Ui.IncomingView;

/// <summary>
/// The dataset page's entity search as the query string carries it (<c>type</c>, <c>observable</c>, <c>from</c>,
/// <c>to</c>, <c>after</c>), checked into the arguments of <see cref="EntityQueries.SearchAsync"/>. Times without an
/// offset (what a datetime-local input sends) are UTC.
/// </summary>
internal sealed record EntitySearchForm(string? Type, string? Observable, string? From, string? To)
{
    public static IEnumerable<EntityType> Types => Enum.GetValues<EntityType>();

    public bool IsEmpty => string.IsNullOrEmpty(Type) && string.IsNullOrEmpty(Observable) && string.IsNullOrEmpty(From) && string.IsNullOrEmpty(To);

    /// <summary>The checked search, or the errors by field (<c>type</c>, <c>from</c>, <c>to</c>).</summary>
    public (EntityType? Type, string? Observable, DateTimeOffset? From, DateTimeOffset? To, Dictionary<string, string> Errors) Check()
    {
        var errors = new Dictionary<string, string>();
        if (!EntityQueries.TryParseType(string.IsNullOrEmpty(Type) ? null : Type, out var type, out var typeError))
        {
            errors["type"] = typeError;
        }

        var from = Time("from", From, errors);
        var to = Time("to", To, errors);
        return (type, string.IsNullOrWhiteSpace(Observable) ? null : Observable.Trim(), from, to, errors);
    }

    /// <summary>The query string of this search, with <paramref name="after"/> for a further page.</summary>
    public string Query(long? after)
    {
        var parts = new List<string>();
        Add("type", Type);
        Add("observable", Observable);
        Add("from", From);
        Add("to", To);
        Add("after", after?.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
    }

    private static DateTimeOffset? Time(string field, string? value, Dictionary<string, string> errors)
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
