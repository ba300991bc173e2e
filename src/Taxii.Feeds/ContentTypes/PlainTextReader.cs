using System.Text;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// Reads a blocklist: one value per line (LF or CRLF, UTF-8, a BOM tolerated), surrounding whitespace trimmed, blank
/// lines and lines starting with <c>#</c> skipped, and a trailing <c> #comment</c> after a value dropped. Each value
/// becomes one observable-only entity without an external id (the store deduplicates by content), its kind inferred
/// by <see cref="ObservableKindInference"/>. A value whose kind cannot be inferred is skipped rather than stored
/// under a made-up kind such as <c>unknown</c>, which no filter or exporter could use; a package in which no value
/// has a kind is not a blocklist at all and throws <see cref="ContentReadException"/> naming its first line. Lines
/// longer than <see cref="MaxLineLength"/> characters are refused.
/// </summary>
public sealed class PlainTextReader : IContentReader
{
    public const int MaxLineLength = CsvRecords.MaxRecordLength;

    public static PlainTextReader Instance { get; } = new();

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private PlainTextReader()
    {
    }

    public FeedContentType ContentType => FeedContentType.PlainText;

    public bool Accepts(string binding) => MediaTypes.Matches(binding, "text/plain");

    public async Task<ParsedPackage> ReadAsync(Stream package, CancellationToken cancellationToken)
    {
        var text = await MediaTypes.ReadUtf8Async(package, Utf8, cancellationToken);
        var entities = new List<NewEntity>();
        var seen = new HashSet<(string, string)>();
        int? firstUnknown = null;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            if (raw.Length > MaxLineLength)
            {
                throw new ContentReadException($"line {number}: longer than {MaxLineLength} characters");
            }

            var line = raw.Trim();
            var comment = line.IndexOf(" #", StringComparison.Ordinal);
            line = (comment < 0 ? line : line[..comment]).Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (ObservableKindInference.Infer(line) is not { } kind)
            {
                firstUnknown ??= number;
                continue;
            }

            if (seen.Add((kind, line)))
            {
                entities.Add(new NewEntity(EntityType.ObservableOnly, Sources: [], Observables: [new NewObservable(kind, line)], Relations: []));
            }
        }

        if (entities.Count == 0 && firstUnknown is { } first)
        {
            throw new ContentReadException($"line {first}: no line holds a value of a known kind (address, domain, URL, e-mail, hash, CVE, ASN)");
        }

        return new ParsedPackage(entities, []);
    }
}
