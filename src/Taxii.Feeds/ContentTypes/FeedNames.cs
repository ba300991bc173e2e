using System.Globalization;
using Taxii.Core.Entities;

namespace Taxii.Feeds.ContentTypes;

/// <summary>The names the text formats give to Taxii's enums: lower-case, dash-separated, culture-free.</summary>
public static class FeedNames
{
    public static string Of(EntityType type) => type switch
    {
        EntityType.Indicator => "indicator",
        EntityType.Ttp => "ttp",
        EntityType.ThreatActor => "threat-actor",
        EntityType.Campaign => "campaign",
        EntityType.Incident => "incident",
        EntityType.ExploitTarget => "exploit-target",
        EntityType.CourseOfAction => "course-of-action",
        EntityType.Report => "report",
        EntityType.Sighting => "sighting",
        EntityType.ObservableOnly => "observable-only",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown entity type"),
    };

    public static bool TryParseEntityType(string? name, out EntityType type) => TryParse(name, Of, out type);

    public static string Of(Tlp tlp) => tlp switch
    {
        Tlp.White => "white",
        Tlp.Green => "green",
        Tlp.Amber => "amber",
        Tlp.Red => "red",
        _ => throw new ArgumentOutOfRangeException(nameof(tlp), tlp, "unknown TLP"),
    };

    public static bool TryParseTlp(string? name, out Tlp tlp) => TryParse(name, Of, out tlp);

    public static string Of(Maliciousness maliciousness) => maliciousness switch
    {
        Maliciousness.Unknown => "unknown",
        Maliciousness.Safe => "safe",
        Maliciousness.Low => "low",
        Maliciousness.Medium => "medium",
        Maliciousness.High => "high",
        _ => throw new ArgumentOutOfRangeException(nameof(maliciousness), maliciousness, "unknown maliciousness"),
    };

    public static bool TryParseMaliciousness(string? name, out Maliciousness maliciousness) => TryParse(name, Of, out maliciousness);

    public static string Of(Core.Feeds.UpdateStrategy strategy) => strategy switch
    {
        Core.Feeds.UpdateStrategy.Append => "append",
        Core.Feeds.UpdateStrategy.Replace => "replace",
        Core.Feeds.UpdateStrategy.Diff => "diff",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "unknown strategy"),
    };

    public static bool TryParseStrategy(string? name, out Core.Feeds.UpdateStrategy strategy) => TryParse(name, Of, out strategy);

    /// <summary>A content type as the REST API spells it.</summary>
    public static string Of(Core.Feeds.FeedContentType contentType) => contentType switch
    {
        Core.Feeds.FeedContentType.EclecticIqJson => "eclecticiq-json",
        Core.Feeds.FeedContentType.Stix12 => "stix-1.2",
        Core.Feeds.FeedContentType.Csv => "csv",
        Core.Feeds.FeedContentType.PlainText => "plain-text",
        _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, "unknown content type"),
    };

    /// <summary>An outgoing transport as the REST API spells it.</summary>
    public static string Of(Core.Feeds.OutgoingTransportType transport) => transport switch
    {
        Core.Feeds.OutgoingTransportType.TaxiiPoll => "taxii-poll",
        Core.Feeds.OutgoingTransportType.TaxiiInbox => "taxii-inbox",
        Core.Feeds.OutgoingTransportType.HttpDownload => "http-download",
        Core.Feeds.OutgoingTransportType.MountPoint => "mount-point",
        Core.Feeds.OutgoingTransportType.Sftp => "sftp",
        Core.Feeds.OutgoingTransportType.Syslog => "syslog",
        Core.Feeds.OutgoingTransportType.Ftp => "ftp",
        Core.Feeds.OutgoingTransportType.Email => "email",
        Core.Feeds.OutgoingTransportType.Imap => "imap",
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "unknown transport"),
    };

    /// <summary>ISO 8601 in UTC with a <c>Z</c>, fractional seconds only as far as they are set.</summary>
    public static string Of(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static bool TryParse<T>(string? name, Func<T, string> nameOf, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(nameOf(candidate), name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
