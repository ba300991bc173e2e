using System.Globalization;
using System.Text.Json;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;

namespace Taxii.Server.Ui.IncomingView;

/// <summary>How the incoming-feed and dataset pages name transports, content types, run states and entity types.</summary>
internal static class IntelLabels
{
    public static string Transport(IncomingTransportType type) => type switch
    {
        IncomingTransportType.TaxiiPoll => "TAXII poll",
        IncomingTransportType.TaxiiInbox => "TAXII inbox",
        IncomingTransportType.MountPoint => "Mount point",
        IncomingTransportType.ManualUpload => "Manual upload",
        _ => type.ToString(),
    };

    public static string ContentType(FeedContentType? type) => type switch
    {
        FeedContentType.Stix12 => "STIX 1.2",
        FeedContentType.EclecticIqJson => "EclecticIQ JSON",
        FeedContentType.Csv => "CSV",
        FeedContentType.PlainText => "Plain text",
        null => "Detected per package",
        _ => type.Value.ToString(),
    };

    /// <summary>The API's word for a value (<c>stix-1.2</c>, <c>threat-actor</c>): what the query string carries.</summary>
    public static string Key<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute), false)
            is [System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute named] ? named.Name : JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static string Status(FeedRunStatus status) => status switch
    {
        FeedRunStatus.Queued => "Queued",
        FeedRunStatus.Running => "Running",
        FeedRunStatus.Succeeded => "Succeeded",
        FeedRunStatus.Failed => "Failed",
        _ => status.ToString(),
    };

    public static string Trigger(FeedRunTrigger trigger) => trigger switch
    {
        FeedRunTrigger.Schedule => "Schedule",
        FeedRunTrigger.Manual => "Run now",
        FeedRunTrigger.Inbox => "Inbox",
        FeedRunTrigger.Upload => "Upload",
        FeedRunTrigger.Recovery => "Recovery",
        _ => trigger.ToString(),
    };

    public static string EntityType(EntityType type) => type switch
    {
        Core.Entities.EntityType.Ttp => "TTP",
        Core.Entities.EntityType.ObservableOnly => "Observable only",
        _ => Sentence(JsonNamingPolicy.KebabCaseLower.ConvertName(type.ToString()).Replace('-', ' ')),
    };

    public static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    private static string Sentence(string words) => string.Concat(words[..1].ToUpperInvariant(), words[1..]);

    public static string YesNo(bool value) => value ? "Yes" : "No";
}
