using System.Globalization;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.IO;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Transports.Email;

/// <summary>
/// The message a package travels in, by e-mail and over IMAP alike: a short text part saying what it is, and the package
/// attached under its file name with its content type's media type (base64, so the bytes arrive as they were written).
/// </summary>
public static partial class FeedMessages
{
    /// <summary>The subject when the feed sets none.</summary>
    public const string DefaultSubject = "Taxii feed {feed}: run {run} at {time}";

    public const int MaxSubjectLength = 500;

    /// <summary>The placeholders a subject template may hold, and what they become.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["{feed}", "{run}", "{time}", "{package}"];

    /// <summary>Whether a subject template is one line of at most <see cref="MaxSubjectLength"/> characters whose braces are known placeholders.</summary>
    public static bool IsSubjectTemplate(string? template) =>
        template is { Length: > 0 and <= MaxSubjectLength }
        && !template.Any(char.IsControl)
        && Braced().Matches(template).All(m => Placeholders.Contains(m.Value))
        && !Braced().Replace(template, "").Any(c => c is '{' or '}');

    /// <summary>
    /// The subject from the template: <c>{feed}</c> the feed's name, <c>{run}</c> the run id, <c>{time}</c> the run's
    /// start (ISO 8601, UTC), <c>{package}</c> the package's sequence number in the run.
    /// </summary>
    internal static string Subject(string template, OutgoingDelivery delivery, FeedPackage package, DateTimeOffset now) =>
        Braced().Replace(template, m => m.Value switch
        {
            "{feed}" => delivery.Feed.Name,
            "{run}" => delivery.Run.Id.ToString(CultureInfo.InvariantCulture),
            "{time}" => FeedNames.Of(delivery.Run.StartedAt ?? now),
            "{package}" => package.Sequence.ToString(CultureInfo.InvariantCulture),
            _ => m.Value,
        });

    /// <summary>The package's message, from <paramref name="from"/> to <paramref name="to"/> (none for IMAP).</summary>
    internal static MimeMessage Build(OutgoingDelivery delivery, FeedPackage package, MailboxAddress from, IEnumerable<MailboxAddress> to, string subjectTemplate, DateTimeOffset now)
    {
        var message = new MimeMessage
        {
            Date = now,
            Subject = Subject(subjectTemplate, delivery, package, now),
        };
        message.From.Add(from);
        message.To.AddRange(to);
        // for mail-based tools: what the message carries, without parsing the text
        message.Headers.Add("X-Taxii-Feed", delivery.Feed.Name);
        message.Headers.Add("X-Taxii-Run", delivery.Run.Id.ToString(CultureInfo.InvariantCulture));
        message.Headers.Add("X-Taxii-Package", package.Sequence.ToString(CultureInfo.InvariantCulture));

        var sha256 = Convert.ToHexStringLower(package.Sha256);
        var text = new TextPart("plain")
        {
            Text = $"""
                Outgoing feed "{delivery.Feed.Name}", run {delivery.Run.Id} (started {FeedNames.Of(delivery.Run.StartedAt ?? now)}), package {package.Sequence}.
                The package is attached as {package.FileName} ({package.MediaType}, {package.Content.Length} bytes, {package.EntityCount} entities, SHA-256 {sha256}).

                """,
        };
        var attachment = new MimePart(ContentType.TryParse(package.MediaType, out var type) ? type : new ContentType("application", "octet-stream"))
        {
            Content = new MimeContent(new MemoryStream(PackageContent.ToArray(package.Content), writable: false)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = package.FileName,
        };
        message.Body = new Multipart("mixed") { text, attachment };
        return message;
    }

    /// <summary>The message's size as sent, in bytes.</summary>
    internal static long Measure(MimeMessage message)
    {
        using var measure = new MeasuringStream();
        message.WriteTo(FormatOptions.Default, measure);
        return measure.Length;
    }

    /// <summary>Refuses a message larger than <paramref name="limit"/>, named by <paramref name="whose"/>; nothing is sent.</summary>
    /// <exception cref="FeedDeliveryException">The message is too large.</exception>
    internal static void CheckSize(FeedPackage package, long size, long? limit, string whose)
    {
        if (limit is { } max && size > max)
        {
            throw new FeedDeliveryException(
                $"Package {package.Sequence}: its message is {size} bytes (the {package.Content.Length}-byte package base64-encoded, with headers), more than {whose} allows ({max} bytes); nothing was sent.");
        }
    }

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Braced();
}
