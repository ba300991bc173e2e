using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;
using Taxii.Feeds.Transports.Email;

namespace Taxii.Feeds.Transports.Imap;

/// <summary>
/// Appends each package as a message (the package attached, as the e-mail transport sends it: <see cref="FeedMessages"/>)
/// to a mailbox folder over IMAP (MailKit), unread, so a mail-based tool watching the folder picks it up.
/// </summary>
/// <remarks>
/// <para>The folder must exist: it is not created, so that a mistyped name fails the first run instead of filling a
/// folder no one reads. A message larger than the feed's <c>maxMessageSize</c>, or than the server's APPENDLIMIT
/// (RFC 7889), fails its package unsent.</para>
/// <para>Scoped: one IMAP session per run, opened and logged in by <see cref="BeginAsync"/>, which also checks the
/// folder. Connection failures and timeouts are retried through <see cref="NetworkRetries"/> on a new session; a
/// NO or BAD answer fails the run at once. An APPEND whose answer was lost with the connection may be filed twice
/// after a retry.</para>
/// </remarks>
internal sealed partial class ImapTransport(
    FeedSecrets secrets,
    NetworkRetries retries,
    IOptions<OutgoingFeedOptions> options,
    TimeProvider time,
    ILogger<ImapTransport> logger) : MailTransport<ImapSettings, ImapClient>(retries, options, logger), IOutgoingTransport
{
    public OutgoingTransportType Type => OutgoingTransportType.Imap;

    public bool KeepsContent => false;

    public bool Carries(FeedContentType contentType) => true;

    public async Task BeginAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await RunAsync(delivery, "connecting", async (settings, ct) => await FolderAsync(settings, ct), cancellationToken);
    }

    public async Task DeliverAsync(OutgoingDelivery delivery, FeedPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(package);
        var settings = Settings(delivery);
        var now = time.GetUtcNow();
        using var message = FeedMessages.Build(delivery, package, settings.From, [], settings.SubjectTemplate, now);
        var size = FeedMessages.Measure(message);
        FeedMessages.CheckSize(package, size, settings.MaxMessageSize, "the feed's maxMessageSize");
        await RunAsync(delivery, $"package {package.Sequence}", async (_, ct) =>
        {
            if (Client.AppendLimit is { } limit and > 0)
            {
                FeedMessages.CheckSize(package, size, limit, $"{settings.Endpoint} (its APPENDLIMIT)");
            }

            var folder = await FolderAsync(settings, ct);
            await folder.AppendAsync(new AppendRequest(message, MessageFlags.None, now), ct);
        }, cancellationToken);
        LogAppended(Logger, delivery.Feed.Id, delivery.Run.Id, package.Sequence, settings.Endpoint, settings.Folder, size);
    }

    protected override string Protocol => "IMAP";

    protected override ImapSettings ReadSettings(OutgoingDelivery delivery) => ImapSettings.Read(delivery.Feed.Transport, secrets);

    protected override ImapClient NewClient() => new();

    protected override FeedDeliveryException? Answered(Exception failure, string step, ImapSettings settings) => failure switch
    {
        ImapCommandException answer => new FeedDeliveryException(
            $"{step}: {settings.Endpoint} answered {answer.Response} to {settings.Server.Username} ({answer.ResponseText}).", failure),
        _ => null,
    };

    /// <exception cref="FeedDeliveryException">The folder does not exist.</exception>
    private async Task<IMailFolder> FolderAsync(ImapSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await Client.GetFolderAsync(settings.Folder, cancellationToken);
        }
        catch (FolderNotFoundException e)
        {
            throw new FeedDeliveryException(
                $"Folder {settings.Folder} does not exist on {settings.Endpoint} for {settings.Server.Username}; create it (it is not created for you), or name an existing one.", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId} run {RunId}: package {Sequence} appended on {Endpoint} to {Folder} ({Size} bytes)")]
    private static partial void LogAppended(ILogger logger, int feedId, long runId, int sequence, string endpoint, string folder, long size);
}
