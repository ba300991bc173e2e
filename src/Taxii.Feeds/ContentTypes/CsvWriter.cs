using System.Buffers;
using CsvHelper;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes.Stix;
using CsvHelperWriter = CsvHelper.CsvWriter;

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

    /// <summary>
    /// RFC 4180 as CsvHelper writes it by default, spelled out because the bytes are the format: CRLF after every
    /// record, a field quoted only when it holds a comma, quote, CR or LF (not for surrounding spaces), inner quotes
    /// doubled, null as an empty field. Each call has a writer of its own, so CsvHelper's field count check would
    /// compare a row only with the rows of its entity; WriteRow writes every column instead.
    /// </summary>
    private static readonly CsvWriterOptions Options = new()
    {
        Mode = CsvMode.Rfc4180,
        Separator = ',',
        NewLine = "\r\n",
        Quoting = CsvQuoting.WhenNeeded,
        NullValue = null,
        Injection = CsvInjection.None,
        ValidateFieldCount = false,
        WriteByteOrderMark = false,

        // a call writes a header or one entity's rows; the buffer grows for a longer row
        BufferSize = 4096,
    };

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
        using var csv = Open(output);
        csv.WriteHeader(header.Strategy == UpdateStrategy.Diff ? CsvColumns.WrittenWithDiff : CsvColumns.Written);
    }

    public void WriteSectionStart(IBufferWriter<byte> output, int section)
    {
    }

    public void WriteSeparator(IBufferWriter<byte> output)
    {
    }

    public void WriteItem(IBufferWriter<byte> output, PackageHeader header, FeedChange change)
    {
        using var csv = Open(output);
        var e = change.Entity;
        if (e.Observables.Count == 0)
        {
            WriteRow(csv, header, change, null);
            return;
        }

        foreach (var o in e.Observables)
        {
            WriteRow(csv, header, change, o);
        }
    }

    public void WriteSectionEnd(IBufferWriter<byte> output, int section)
    {
    }

    public void WriteEnd(IBufferWriter<byte> output)
    {
    }

    /// <summary>
    /// A CsvHelper writer for one call: the package is written a piece at a time into a buffer the composer measures,
    /// so nothing is kept between calls. Disposing it writes its rows to <paramref name="output"/>.
    /// </summary>
    private static CsvHelperWriter Open(IBufferWriter<byte> output) =>
        CsvHelperWriter.Create(new BufferWriterStream { Target = output }, Options, leaveOpen: false);

    private static void WriteRow(CsvHelperWriter csv, PackageHeader header, FeedChange change, FeedObservable? o)
    {
        var e = change.Entity;
        if (header.Strategy == UpdateStrategy.Diff)
        {
            csv.WriteField(change.Kind == FeedChangeKind.Remove ? "del" : "add");
        }

        csv.WriteField(o?.Kind);
        csv.WriteField(o?.Value);

        // a removal knows only its id, type and observables: what it was published with otherwise is gone
        csv.WriteField(o is null || change.Kind == FeedChangeKind.Remove ? null : FeedNames.Of(o.Maliciousness));
        csv.WriteField(e.ExternalId);
        csv.WriteField(FeedNames.Of(e.Type));
        csv.WriteField(Defused(e.Title));
        csv.WriteField(e.Tlp is { } tlp ? FeedNames.Of(tlp) : null);
        csv.WriteField(e.ValidFrom is { } from ? FeedNames.Of(from) : null);
        csv.WriteField(o?.FirstSeen is { } seen ? FeedNames.Of(seen) : null);
        csv.WriteField(e.UpdatedAt is { } updated ? FeedNames.Of(updated) : null);
        csv.EndRecord();
    }

    /// <summary>
    /// Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one) as a formula; a leading quote
    /// makes it text. Only the title gets it: it is free text written by people, while kinds, values and ids must
    /// stay byte-exact for the machines that read them (a value such as <c>-1</c> or <c>@host</c> is data). So this,
    /// not CsvHelper's <see cref="CsvWriterOptions.Injection"/>, which protects every text field and quotes it too.
    /// </summary>
    private static string? Defused(string? title) =>
        title is [('=' or '+' or '-' or '@' or '\t' or '\r'), ..] ? "'" + title : title;
}
