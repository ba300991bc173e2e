using Taxii.Core.Entities;
using Taxii.Server.Admin.OutgoingFeeds;
using Taxii.Server.Ui.FeedsView;

namespace Taxii.Server.Ui.OutgoingFeedsView;

/// <summary>
/// The feed's filter as the form posts it (<c>Input.Filter.MaxTlp</c> …): the REST API's <see cref="OutgoingFeedFilterDto"/>
/// with its times as form text and its observable kinds as one text (commas or lines between them). Empty lets
/// everything through, as in the API.
/// </summary>
internal sealed class FilterFields
{
    public List<EntityType> EntityTypes { get; set; } = [];

    public Tlp? MaxTlp { get; set; }

    /// <summary>A (reliable) to F (cannot be judged); empty: any.</summary>
    public string? MinReliability { get; set; }

    public string? ObservableKinds { get; set; }

    public string? From { get; set; }

    public string? Until { get; set; }

    public int? MaxAgeHours { get; set; }

    public static IReadOnlyList<string> Reliabilities { get; } = ["A", "B", "C", "D", "E", "F"];

    public static FilterFields Of(OutgoingFeedFilterDto f) => new()
    {
        EntityTypes = [.. f.EntityTypes ?? []],
        MaxTlp = f.MaxTlp,
        MinReliability = f.MinReliability,
        ObservableKinds = string.Join(", ", f.ObservableKinds ?? []),
        From = FormTime.Format(f.From),
        Until = FormTime.Format(f.Until),
        MaxAgeHours = f.MaxAgeHours,
    };

    /// <summary>The API's filter; a time that does not parse is an error by form field in <paramref name="errors"/>.</summary>
    public OutgoingFeedFilterDto ToDto(IDictionary<string, string> errors) => new(
        EntityTypes,
        MaxTlp,
        string.IsNullOrWhiteSpace(MinReliability) ? null : MinReliability.Trim(),
        (ObservableKinds ?? string.Empty).Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        FormTime.Parse("Input.Filter.From", From, errors),
        FormTime.Parse("Input.Filter.Until", Until, errors),
        MaxAgeHours);
}
