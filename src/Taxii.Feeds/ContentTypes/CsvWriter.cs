using System.Buffers;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// RFC 4180 CSV (CRLF line ends; fields with a comma, quote, CR or LF quoted, quotes doubled), one row per
/// observable and one row with empty kind and value for an entity without observables, so entities are listed too.
/// A Diff run adds a leading <c>diff</c> column: <c>add</c> or <c>del</c>. The whole package is one table: adds and
/// removals share section 0, and sections write nothing.
/// </summary>
public sealed class CsvWriter : IContentWriter
{
    public static CsvWriter Instance { get; } = new();

    private CsvWriter()
    {
    }

    public FeedContentType ContentType => FeedContentType.Csv;

    /// <summary>
    /// TAXII defines no content binding for CSV, so the binding is the media type without parameters: a consumer
    /// recognises it without knowing a private URN, and it does not pretend to be a registered binding.
    /// </summary>
    public string Binding => "text/csv";

    public string MediaType => "text/csv; charset=utf-8";

    public string FileExtension => "csv";

    public bool IsXml => false;

    public bool CarriesRemovals => true;

    public IReadOnlyList<EntityType> TypeOrder { get; } = Enum.GetValues<EntityType>();

    public int SectionOf(FeedChangeKind kind, EntityType type) => 0;

    public void WriteStart(IBufferWriter<byte> output, PackageHeader header)
    {
        if (header.Strategy == UpdateStrategy.Diff)
        {
            output.Write("diff,"u8);
        }

        output.Write("kind,value,maliciousness,entity_id,entity_type,entity_title,tlp,valid_from,first_seen,updated_at\r\n"u8);
    }

    public void WriteSectionStart(IBufferWriter<byte> output, int section)
    {
    }

    public void WriteSeparator(IBufferWriter<byte> output)
    {
    }

    public void WriteItem(IBufferWriter<byte> output, PackageHeader header, FeedChange change)
    {
        var e = change.Entity;
        if (e.Observables.Count == 0)
        {
            WriteRow(output, header, change, null);
            return;
        }

        foreach (var o in e.Observables)
        {
            WriteRow(output, header, change, o);
        }
    }

    public void WriteSectionEnd(IBufferWriter<byte> output, int section)
    {
    }

    public void WriteEnd(IBufferWriter<byte> output)
    {
    }

    private static void WriteRow(IBufferWriter<byte> output, PackageHeader header, FeedChange change, FeedObservable? o)
    {
        var e = change.Entity;
        if (header.Strategy == UpdateStrategy.Diff)
        {
            output.Write(change.Kind == FeedChangeKind.Remove ? "del,"u8 : "add,"u8);
        }

        Field(output, o?.Kind);
        Comma(output);
        Field(output, o?.Value);
        Comma(output);

        // a removal knows only its id, type and observables: what it was published with otherwise is gone
        Field(output, o is null || change.Kind == FeedChangeKind.Remove ? null : FeedNames.Of(o.Maliciousness));
        Comma(output);
        Field(output, e.ExternalId);
        Comma(output);
        Field(output, FeedNames.Of(e.Type));
        Comma(output);
        Field(output, Defused(e.Title));
        Comma(output);
        Field(output, e.Tlp is { } tlp ? FeedNames.Of(tlp) : null);
        Comma(output);
        Field(output, e.ValidFrom is { } from ? FeedNames.Of(from) : null);
        Comma(output);
        Field(output, o?.FirstSeen is { } seen ? FeedNames.Of(seen) : null);
        Comma(output);
        Field(output, e.UpdatedAt is { } updated ? FeedNames.Of(updated) : null);
        output.Write("\r\n"u8);
    }

    /// <summary>
    /// Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one) as a formula; a leading quote
    /// makes it text. Only the title gets it: it is free text written by people, while kinds, values and ids must
    /// stay byte-exact for the machines that read them (a value such as <c>-1</c> or <c>@host</c> is data).
    /// </summary>
    private static string? Defused(string? title) =>
        title is [('=' or '+' or '-' or '@' or '\t' or '\r'), ..] ? "'" + title : title;

    private static void Field(IBufferWriter<byte> output, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            Utf8Text.Write(output, value);
            return;
        }

        output.Write("\""u8);
        var rest = value.AsSpan();
        for (var quote = rest.IndexOf('"'); quote >= 0; quote = rest.IndexOf('"'))
        {
            Utf8Text.Write(output, rest[..(quote + 1)]);
            output.Write("\""u8);
            rest = rest[(quote + 1)..];
        }

        Utf8Text.Write(output, rest);
        output.Write("\""u8);
    }

    private static void Comma(IBufferWriter<byte> output) => output.Write(","u8);
}
