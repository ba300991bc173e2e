using System.Globalization;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// Reads CSV (RFC 4180, UTF-8, a BOM tolerated; records by <see cref="CsvRecords"/>, as the package streams in) whose
/// header row names the columns, in any order and any case: what <see cref="CsvWriter"/> writes (<c>diff, kind, value, maliciousness, entity_id, entity_type, entity_title,
/// tlp, valid_from, first_seen, updated_at</c>), and simpler third-party lists that have at least a <c>value</c>
/// column. Unknown columns are ignored.
/// <list type="bullet">
/// <item>Rows with the same <c>entity_id</c> are one entity (its fields from its first row, one observable per row
/// with a value); a row without an entity id is an entity of its own, without an external id (the store
/// deduplicates it by content). The type is <c>entity_type</c>, else observable-only.</item>
/// <item>A missing or empty <c>kind</c> is inferred from the value (<see cref="ObservableKindInference"/>); a value
/// whose kind cannot be inferred is skipped. An empty value is an entity row without an observable; a row with
/// neither an entity id nor an observable is skipped.</item>
/// <item><c>diff</c>: <c>del</c> rows name removed entities (their <c>entity_id</c>, once each; a removal without an
/// id says nothing Taxii can act on and is skipped); <c>add</c> or empty rows are entities.</item>
/// <item>A title that CsvWriter defused against spreadsheet formulas (a leading <c>'</c> before = + - @ tab CR) gets
/// its quote removed; a title that really began with such a quote cannot be told apart.</item>
/// </list>
/// A row with another number of fields than the header, a malformed field, an unknown type, TLP, maliciousness or
/// diff, a date that is not ISO 8601, or no <c>value</c> column throw <see cref="ContentReadException"/> naming the
/// line.
/// </summary>
public sealed class CsvReader : IContentReader
{
    public static CsvReader Instance { get; } = new();

    private CsvReader()
    {
    }

    public FeedContentType ContentType => FeedContentType.Csv;

    public bool Accepts(string binding) => MediaTypes.Matches(binding, "text/csv", "application/csv");

    public async Task<ParsedPackage> ReadAsync(Stream package, CancellationToken cancellationToken)
    {
        CsvColumns? columns = null;
        var headerCount = 0;
        var groups = new Dictionary<string, Builder>(StringComparer.Ordinal);
        var builders = new List<Builder>();
        var removed = new List<string>();
        await foreach (var (line, fields) in CsvRecords.ReadAsync(package, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (columns is null)
            {
                var header = fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
                columns = new CsvColumns(header);
                headerCount = header.Count;
                if (columns.Value < 0)
                {
                    throw new ContentReadException($"line {line}: the header has no 'value' column");
                }

                continue;
            }

            if (fields.Length != headerCount)
            {
                throw new ContentReadException($"line {line}: {fields.Length} fields where the header has {headerCount}");
            }

            var row = new CsvRow(columns, fields, line);
            var id = row.Get(columns.EntityId);
            switch (row.Get(columns.Diff)?.ToLowerInvariant())
            {
                case null or "add":
                    break;
                case "del":
                    if (id is not null && !removed.Contains(id))
                    {
                        removed.Add(id);
                    }

                    continue;
                default:
                    throw new ContentReadException($"line {line}: diff must be 'add' or 'del'");
            }

            if (id is null || !groups.TryGetValue(id, out var builder))
            {
                builder = new Builder(row, id);
                builders.Add(builder);
                if (id is not null)
                {
                    groups[id] = builder;
                }
            }

            builder.Add(row);
        }

        // a row without an entity id whose value was empty or of no kind says nothing to store
        return new ParsedPackage(builders.Where(b => b.Id is not null || b.HasObservables).Select(b => b.Build()).ToList(), removed);
    }

    private sealed class Builder(CsvRow first, string? id)
    {
        private readonly List<NewObservable> _observables = [];

        public string? Id => id;

        public bool HasObservables => _observables.Count > 0;

        public void Add(CsvRow row)
        {
            if (row.Get(row.Columns.Value) is not { } value)
            {
                return;
            }

            var kind = row.Get(row.Columns.Kind)?.ToLowerInvariant() ?? ObservableKindInference.Infer(value);
            if (kind is null)
            {
                return;
            }

            var maliciousness = Maliciousness.Unknown;
            if (row.Get(row.Columns.Maliciousness) is { } m && !FeedNames.TryParseMaliciousness(m.ToLowerInvariant(), out maliciousness))
            {
                throw new ContentReadException($"line {row.Line}: unknown maliciousness");
            }

            if (!_observables.Exists(o => o.Kind == kind && o.Value == value))
            {
                _observables.Add(new NewObservable(kind, value, maliciousness));
            }
        }

        public NewEntity Build()
        {
            var type = EntityType.ObservableOnly;
            if (first.Get(first.Columns.EntityType) is { } t && !FeedNames.TryParseEntityType(t.ToLowerInvariant(), out type))
            {
                throw new ContentReadException($"line {first.Line}: unknown entity type");
            }

            Tlp? tlp = null;
            if (first.Get(first.Columns.Tlp) is { } name)
            {
                var color = name.ToLowerInvariant();
                color = color.StartsWith("tlp:", StringComparison.Ordinal) ? color[4..] : color;
                tlp = FeedNames.TryParseTlp(color, out var parsed) ? parsed : throw new ContentReadException($"line {first.Line}: unknown TLP");
            }

            DateTimeOffset? validFrom = null;
            if (first.Get(first.Columns.ValidFrom) is { } from)
            {
                validFrom = DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : throw new ContentReadException($"line {first.Line}: valid_from is not an ISO 8601 date");
            }

            return new NewEntity(type, id, Title: Undefused(first.Get(first.Columns.Title)), Tlp: tlp, ValidFrom: validFrom,
                Sources: [], Observables: _observables, Relations: []);
        }

        private static string? Undefused(string? title) =>
            title is ['\'', ('=' or '+' or '-' or '@' or '\t' or '\r'), ..] ? title[1..] : title;
    }
}
