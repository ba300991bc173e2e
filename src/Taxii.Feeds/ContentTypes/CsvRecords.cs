using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using CsvHelperReader = CsvHelper.CsvReader;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// RFC 4180 records from a UTF-8 stream (a BOM skipped), read by CsvHelper as they arrive: fields separated by commas,
/// records by CRLF, LF or CR, a field in double quotes may hold commas, line breaks and doubled quotes. Empty lines
/// are skipped. Each record comes with the line it starts on, so errors can name it. Bytes that are not UTF-8, a quote
/// inside an unquoted field, text after a closing quote, an unterminated quote, or a record longer than
/// <see cref="MaxRecordLength"/> characters throw <see cref="ContentReadException"/>.
/// </summary>
internal static class CsvRecords
{
    /// <summary>1 Mi characters: far beyond any real row, small enough that one row cannot hold a package hostage.</summary>
    public const int MaxRecordLength = 1024 * 1024;

    // the BOM in the preamble makes StreamReader skip one; it is given, not detected, so a UTF-16 BOM is an invalid
    // byte rather than a switch of encoding, and invalid bytes throw rather than become U+FFFD
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    private static readonly CsvReaderOptions Options = new()
    {
        Mode = CsvMode.Rfc4180,
        Separator = ',',

        // the header is the first record like any other: CsvReader matches its names trimmed and in any case
        HasHeader = false,
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = true,
        TrackLineNumbers = true,

        // CsvHelper counts UTF-8 bytes and a character takes at most 3 of them, so this never refuses a record of
        // MaxRecordLength characters; it stops an unclosed quote from buffering the rest of a package, and Read
        // checks the exact length of the records that get through
        MaxRecordSize = 3 * MaxRecordLength,
    };

    public static async IAsyncEnumerable<(int Line, string[] Fields)> ReadAsync(Stream package, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);

        // CsvHelper recovers from bad quoting (keeps the quote, appends the text, runs to the end) and reports it here;
        // the record comes back, so its line and bytes tell where the problem is, and the package is refused
        CsvMalformedRecord? malformed = null;
        var options = Options with { OnMalformedRecord = m => malformed ??= m };
        var text = new StreamReader(package, Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: -1, leaveOpen: true);
        await using var reader = CsvHelperReader.Create(text, options, leaveOpen: false);
        while (await ReadAsync(reader, cancellationToken))
        {
            var line = (int)reader.LineNumber;
            var raw = reader.RawRecord;
            if (malformed is { } m && m.RecordNumber == reader.RowNumber)
            {
                throw Malformed(m, line, raw[..(int)Math.Clamp(m.ByteOffset - reader.ByteOffset, 0, raw.Length)]);
            }

            if (raw.Length > MaxRecordLength && Encoding.UTF8.GetCharCount(raw) > MaxRecordLength)
            {
                throw TooLong(line);
            }

            // a line of only "" is one empty field to CsvHelper; the reader before it took it for an empty line
            if (reader.FieldCount == 1 && reader.GetSpan(0).IsEmpty)
            {
                continue;
            }

            yield return (line, reader.Current.ToArray());
        }
    }

    private static async ValueTask<bool> ReadAsync(CsvHelperReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken);
        }
        catch (DecoderFallbackException e)
        {
            throw new ContentReadException("not UTF-8 text: an invalid byte sequence", e);
        }
        catch (CsvFormatException e)
        {
            // with malformed quoting reported by Malformed and any field count allowed, what is left to throw
            // this is a record that outgrew MaxRecordSize before it ended
            throw TooLong((int)e.LineNumber, e);
        }
    }

    /// <summary>The refusal of a record that breaks the quoting rules, naming the line of the problem (<paramref name="before"/> holds the record's bytes up to it), or of the opening quote of a field never closed.</summary>
    private static ContentReadException Malformed(CsvMalformedRecord record, int line, ReadOnlySpan<byte> before) => record.Reason switch
    {
        CsvMalformedReason.StrayQuote => new($"line {line + LineBreaks(before)}: a quote inside an unquoted field"),
        CsvMalformedReason.TextAfterClosingQuote => new($"line {line + LineBreaks(before)}: text after the closing quote of a field"),
        CsvMalformedReason.UnterminatedQuote => new($"line {line}: a quoted field is not closed"),
        var other => new($"line {line}: malformed CSV ({other})"),
    };

    /// <summary>CR LF, a lone LF and a lone CR each end a line.</summary>
    private static int LineBreaks(ReadOnlySpan<byte> bytes)
    {
        var count = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n' || (bytes[i] == (byte)'\r' && (i + 1 == bytes.Length || bytes[i + 1] != (byte)'\n')))
            {
                count++;
            }
        }

        return count;
    }

    private static ContentReadException TooLong(int line) => new(TooLongMessage(line));

    private static ContentReadException TooLong(int line, Exception inner) => new(TooLongMessage(line), inner);

    private static string TooLongMessage(int line) => $"line {line}: a row is longer than {MaxRecordLength} characters";
}
