using System.Text;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// RFC 4180 records from text: fields separated by commas, records by CRLF or LF, a field in double quotes may hold
/// commas, line breaks and doubled quotes. Empty lines are skipped. Each record comes with the line it starts on, so
/// errors can name it. A quote inside an unquoted field, text after a closing quote, an unterminated quote, or a
/// record longer than <see cref="MaxRecordLength"/> characters throw <see cref="ContentReadException"/>.
/// </summary>
internal static class CsvRecords
{
    /// <summary>1 Mi characters: far beyond any real row, small enough that one row cannot hold a package hostage.</summary>
    public const int MaxRecordLength = 1024 * 1024;

    public static IEnumerable<(int Line, List<string> Fields)> Read(string text)
    {
        var position = 0;
        var line = 1;
        while (position < text.Length)
        {
            var start = line;
            var recordStart = position;
            var fields = new List<string>();
            var field = new StringBuilder();
            var ended = false;
            while (!ended)
            {
                if (position - recordStart > MaxRecordLength)
                {
                    throw new ContentReadException($"line {start}: a row is longer than {MaxRecordLength} characters");
                }

                if (position < text.Length && text[position] == '"' && field.Length == 0)
                {
                    position = Quoted(text, position + 1, field, start, ref line, recordStart);
                    if (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                    {
                        throw new ContentReadException($"line {line}: text after the closing quote of a field");
                    }
                }

                var c = position < text.Length ? text[position] : '\n';
                switch (c)
                {
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        position++;
                        break;
                    case '\r' or '\n':
                        fields.Add(field.ToString());
                        position += c == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
                        line++;
                        ended = true;
                        break;
                    case '"':
                        throw new ContentReadException($"line {line}: a quote inside an unquoted field");
                    default:
                        field.Append(c);
                        position++;
                        break;
                }
            }

            if (fields is not [""])
            {
                yield return (start, fields);
            }
        }
    }

    /// <summary>Reads a quoted field's content up to its closing quote; returns the position after that quote.</summary>
    private static int Quoted(string text, int position, StringBuilder field, int start, ref int line, int recordStart)
    {
        while (true)
        {
            if (position >= text.Length)
            {
                throw new ContentReadException($"line {start}: a quoted field is not closed");
            }

            if (position - recordStart > MaxRecordLength)
            {
                throw new ContentReadException($"line {start}: a row is longer than {MaxRecordLength} characters");
            }

            var c = text[position];
            if (c == '"')
            {
                if (position + 1 < text.Length && text[position + 1] == '"')
                {
                    field.Append('"');
                    position += 2;
                    continue;
                }

                return position + 1;
            }

            if (c == '\n' || (c == '\r' && (position + 1 >= text.Length || text[position + 1] != '\n')))
            {
                line++;
            }

            field.Append(c);
            position++;
        }
    }
}
