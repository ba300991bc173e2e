using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Server.Ui.OutgoingFeedsView;

/// <summary>How the outgoing feed pages name transports, content types, strategies, run states and schedules.</summary>
internal static class OutgoingFeedLabels
{
    public static IEnumerable<OutgoingTransportType> TransportTypes => Enum.GetValues<OutgoingTransportType>();

    public static IEnumerable<FeedContentType> ContentTypes => Enum.GetValues<FeedContentType>();

    public static IEnumerable<UpdateStrategy> Strategies => Enum.GetValues<UpdateStrategy>();

    public static string Transport(OutgoingTransportType type) => type switch
    {
        OutgoingTransportType.TaxiiPoll => "TAXII poll (a local collection)",
        OutgoingTransportType.TaxiiInbox => "TAXII inbox (push)",
        OutgoingTransportType.HttpDownload => "HTTP download",
        OutgoingTransportType.MountPoint => "Mount point (files in a directory)",
        OutgoingTransportType.Sftp => "SFTP",
        OutgoingTransportType.Syslog => "Syslog",
        OutgoingTransportType.Ftp => "FTP",
        OutgoingTransportType.Email => "E-mail (SMTP)",
        OutgoingTransportType.Imap => "IMAP (a mailbox folder)",
        _ => type.ToString(),
    };

    /// <summary>The API's name for it (<c>http-download</c>), used as the transport chooser's value for ui.js.</summary>
    public static string Key(OutgoingTransportType type) => FeedNames.Of(type);

    public static string Content(FeedContentType type) => type switch
    {
        FeedContentType.EclecticIqJson => "EclecticIQ JSON",
        FeedContentType.Stix12 => "STIX 1.2",
        _ => FeedNames.Of(type),
    };

    public static string Strategy(UpdateStrategy strategy) => strategy switch
    {
        UpdateStrategy.Append => "Append (new and changed)",
        UpdateStrategy.Replace => "Replace (everything, every run)",
        UpdateStrategy.Diff => "Diff (added and removed)",
        _ => strategy.ToString(),
    };

    public static string Schedule(string? cron) => cron is null ? "On demand" : $"{cron} (cron, UTC)";

    public static string Status(FeedRunStatus status) => status.ToString().ToLowerInvariant();

    public static string YesNo(bool value) => value ? "Yes" : "No";

    public static string Time(DateTimeOffset? when) => when is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "–";

    public static string Bytes(long size) => size switch
    {
        < 1024 => $"{size} B",
        < 1024 * 1024 => $"{size / 1024.0:0.#} KiB",
        _ => $"{size / (1024.0 * 1024):0.#} MiB",
    };
}
