using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;

namespace Taxii.Feeds.Transports.Email;

/// <summary>
/// Sends each package by e-mail (MailKit over SMTP): one message per package to the feed's recipients, the package
/// attached (<see cref="FeedMessages"/>).
/// </summary>
/// <remarks>
/// <para>The message is built and measured before anything is sent: one larger than the feed's
/// <c>maxMessageSize</c>, or than the size the server announces (RFC 1870 SIZE), fails its package unsent.</para>
/// <para>Scoped: one SMTP session per run, opened by <see cref="BeginAsync"/> (connection, TLS, login). Connection
/// failures, timeouts and 4xx answers (the server busy, greylisting) are retried through <see cref="NetworkRetries"/> on
/// a new session; a 5xx answer (a recipient or the sender refused, the message too large, the login refused) fails the
/// run at once, named. A message whose acceptance was lost with the connection may arrive twice after a retry: SMTP
/// gives no way to tell.</para>
/// </remarks>
internal sealed partial class EmailTransport(
    FeedSecrets secrets,
    NetworkRetries retries,
    IOptions<OutgoingFeedOptions> options,
    TimeProvider time,
    ILogger<EmailTransport> logger) : MailTransport<EmailSettings, SmtpClient>(retries, options, logger), IOutgoingTransport
{
    public OutgoingTransportType Type => OutgoingTransportType.Email;

    public bool KeepsContent => false;

    public bool Carries(FeedContentType contentType) => true;

    public async Task BeginAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await RunAsync(delivery, "connecting", (_, _) => Task.CompletedTask, cancellationToken);
    }

    public async Task DeliverAsync(OutgoingDelivery delivery, FeedPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(package);
        var settings = Settings(delivery);
        using var message = FeedMessages.Build(delivery, package, settings.From, settings.Recipients, settings.SubjectTemplate, time.GetUtcNow());
        var size = FeedMessages.Measure(message);
        FeedMessages.CheckSize(package, size, settings.MaxMessageSize, "the feed's maxMessageSize");
        await RunAsync(delivery, $"package {package.Sequence}", async (_, ct) =>
        {
            var client = Client;
            if (client.Capabilities.HasFlag(SmtpCapabilities.Size) && client.MaxSize > 0)
            {
                FeedMessages.CheckSize(package, size, client.MaxSize, $"{settings.Endpoint} (its SIZE)");
            }

            await client.SendAsync(message, ct);
        }, cancellationToken);
        LogSent(Logger, delivery.Feed.Id, delivery.Run.Id, package.Sequence, settings.Endpoint, settings.Recipients.Count, size);
    }

    protected override string Protocol => "SMTP";

    protected override EmailSettings ReadSettings(OutgoingDelivery delivery) => EmailSettings.Read(delivery.Feed.Transport, secrets);

    protected override SmtpClient NewClient() => new();

    /// <inheritdoc />
    protected override bool PassingAnswer(Exception failure) => failure is SmtpCommandException { StatusCode: var code } && (int)code is >= 400 and < 500;

    protected override FeedDeliveryException? Answered(Exception failure, string step, EmailSettings settings)
    {
        if (failure is not SmtpCommandException answer || PassingAnswer(failure))
        {
            return null;
        }

        var said = $"{(int)answer.StatusCode} {answer.Message}";
        return new FeedDeliveryException(answer switch
        {
            { ErrorCode: SmtpErrorCode.RecipientNotAccepted } => $"{step}: {settings.Endpoint} refused the recipient {answer.Mailbox?.Address} ({said}).",
            { ErrorCode: SmtpErrorCode.SenderNotAccepted } => $"{step}: {settings.Endpoint} refused the sender {settings.From.Address} ({said}).",
            { StatusCode: SmtpStatusCode.ExceededStorageAllocation } => $"{step}: {settings.Endpoint} refused the message as too large ({said}).",
            { StatusCode: SmtpStatusCode.AuthenticationRequired } => $"{step}: {settings.Endpoint} asks for a login ({said}); set username and password.",
            _ => $"{step}: {settings.Endpoint} refused the message ({said}).",
        }, failure);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId} run {RunId}: package {Sequence} sent by e-mail through {Endpoint} to {RecipientCount} recipients ({Size} bytes)")]
    private static partial void LogSent(ILogger logger, int feedId, long runId, int sequence, string endpoint, int recipientCount, long size);
}
