using System.Globalization;
using Taxii.Core.Feeds;

namespace Taxii.Server.Ui.IncomingView;

/// <summary>The upload form of an incoming feed: where it posts, the size limit, and the errors to show at its fields.</summary>
internal sealed record UploadForm(int FeedId, long Limit, string? FileError = null, string? ContentTypeError = null, string? ContentType = null)
{
    public static IEnumerable<FeedContentType> ContentTypes => Enum.GetValues<FeedContentType>();

    /// <summary>The limit as people read it: "5 MiB (5,242,880 bytes)".</summary>
    public string LimitText => Limit >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{Limit / (1024.0 * 1024):0.##} MiB ({Limit:N0} bytes)")
        : string.Create(CultureInfo.InvariantCulture, $"{Limit / 1024.0:0.##} KiB ({Limit:N0} bytes)");
}
