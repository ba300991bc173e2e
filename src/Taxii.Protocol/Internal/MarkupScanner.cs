using System.Buffers;

namespace Taxii.Protocol.Internal;

/// <summary>
/// A lexical walk over the kept source characters (tags, comments, CDATA sections, processing instructions and
/// text), enough to tell where elements start and end. It only walks markup XmlReader has already checked, so it
/// never meets ill-formed input, and it follows the reader by element depth and name. It does not use the reader's
/// line numbers: those drift when a start tag that spans lines straddles one of the reader's buffer refills.
/// </summary>
internal sealed class MarkupScanner(SourceText source)
{
    private static readonly SearchValues<char> NameEnd = SearchValues.Create(" \t\r\n/>");
    private static readonly SearchValues<char> TagStops = SearchValues.Create("\"'>");
    private readonly SourceText _source = source;
    private readonly List<(long At, string Text)> _insertions = [];
    private int _depth;

    private enum Token
    {
        Start,
        Empty,
        End,
        Other,
    }

    /// <summary>Document offset the scanner stands at; the source keeps every character from here on.</summary>
    public long Position { get; private set; }

    /// <summary>Stands the scanner at <paramref name="position"/>, a boundary between markup, inside <paramref name="depth"/> elements.</summary>
    public void StartAt(long position, int depth)
    {
        Position = position;
        _depth = depth;
    }

    /// <summary>
    /// Moves past the next start tag named <paramref name="prefix"/>:<paramref name="localName"/> (or the local
    /// name alone, without a prefix) at <paramref name="depth"/> (XmlReader's
    /// depth), without leaving the element that holds the scanner. That is the element the reader stands on when
    /// the reader has sought every element it stepped to since (<see cref="SourceText.Follow"/>): what it skips, a
    /// ds:Signature, has another name, and what it reads whole, text-only elements, holds no element.
    /// </summary>
    public void SeekElement(int depth, string prefix, string localName)
    {
        var s = _source.From(Position);
        var i = 0;
        while (true)
        {
            i = NextMarkup(s, i);
            var next = Step(s, i, out var token, out var nameLength);
            if (token is Token.Start or Token.Empty)
            {
                var found = _depth == depth && IsName(s.Slice(i + 1, nameLength), prefix, localName);
                _depth += token == Token.Start ? 1 : 0;
                if (found)
                {
                    Position += next;
                    return;
                }
            }
            else if (token == Token.End && --_depth < depth)
            {
                throw OutOfStep();
            }

            i = next;
        }
    }

    /// <summary>
    /// Cuts the content of the element just sought, which the reader has read to its end tag: the source text from
    /// the first to the last character that is not whitespace, with each top-level element's declarations inserted
    /// right after its name. Leaves the scanner after the element's end tag.
    /// </summary>
    public string CutContent(IReadOnlyList<TopLevelElement> elements)
    {
        var s = _source.From(Position);
        var inside = _depth;
        var top = 0;
        var i = 0;
        int end;
        _insertions.Clear();
        while (true)
        {
            i = NextMarkup(s, i);
            var next = Step(s, i, out var token, out var nameLength);
            if (token is Token.Start or Token.Empty)
            {
                if (_depth == inside)
                {
                    // the reader's top-level elements, one for one, in document order
                    if (top == elements.Count || !IsName(s.Slice(i + 1, nameLength), elements[top].Prefix, elements[top].LocalName))
                    {
                        throw OutOfStep();
                    }

                    if (elements[top].Declarations is { } declarations)
                    {
                        _insertions.Add((Position + i + 1 + nameLength, declarations));
                    }

                    top++;
                }

                _depth += token == Token.Start ? 1 : 0;
            }
            else if (token == Token.End && --_depth < inside)
            {
                end = i;
                break;
            }

            i = next;
        }

        if (top != elements.Count)
        {
            throw OutOfStep();
        }

        var start = 0;
        while (start < end && IsSpace(s[start]))
        {
            start++;
        }

        while (end > start && IsSpace(s[end - 1]))
        {
            end--;
        }

        var text = Build(Position + start, end - start);
        Position += Step(s, i, out _, out _);
        return text;
    }

    /// <summary>Compares a name as written with the reader's parts of it, which (unlike its Name) cost no allocation.</summary>
    private static bool IsName(ReadOnlySpan<char> name, string prefix, string localName) =>
        prefix.Length == 0
            ? name.SequenceEqual(localName)
            : name.Length == prefix.Length + 1 + localName.Length && name[prefix.Length] == ':'
                && name.StartsWith(prefix) && name.EndsWith(localName);

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static InvalidOperationException OutOfStep() =>
        new("the markup scanner lost step with the XML reader; this is a bug in the TAXII codec");

    private static int NextMarkup(ReadOnlySpan<char> s, int i)
    {
        var at = s[i..].IndexOf('<');
        return at >= 0 ? i + at : throw OutOfStep();
    }

    /// <summary>The markup at <paramref name="i"/> ('&lt;'): what it is, and where it ends.</summary>
    private static int Step(ReadOnlySpan<char> s, int i, out Token token, out int nameLength)
    {
        nameLength = 0;
        token = Token.Other;
        var rest = s[(i + 1)..];
        if (rest.StartsWith('/'))
        {
            token = Token.End;
            return After(s, i + 2, ">");
        }

        if (rest.StartsWith('?'))
        {
            return After(s, i + 2, "?>");
        }

        if (rest.StartsWith("!--"))
        {
            return After(s, i + 4, "-->");
        }

        if (rest.StartsWith("![CDATA["))
        {
            return After(s, i + 9, "]]>");
        }

        nameLength = rest.IndexOfAny(NameEnd);
        if (nameLength <= 0 || rest[0] == '!')
        {
            // a DOCTYPE never gets past the reader, and a tag always ends
            throw OutOfStep();
        }

        // attribute values may hold '>' (never '<'), so quoted values are stepped over whole
        var j = i + 1 + nameLength;
        while (true)
        {
            var stop = s[j..].IndexOfAny(TagStops);
            if (stop < 0)
            {
                throw OutOfStep();
            }

            j += stop;
            if (s[j] == '>')
            {
                token = s[j - 1] == '/' ? Token.Empty : Token.Start;
                return j + 1;
            }

            var close = s[(j + 1)..].IndexOf(s[j]);
            j += close >= 0 ? close + 2 : throw OutOfStep();
        }
    }

    private static int After(ReadOnlySpan<char> s, int from, string terminator)
    {
        var at = s[from..].IndexOf(terminator);
        return at >= 0 ? from + at + terminator.Length : throw OutOfStep();
    }

    /// <summary>The source text from <paramref name="start"/> (a document offset) with the insertions made.</summary>
    private string Build(long start, int length)
    {
        if (_insertions.Count == 0)
        {
            return new string(_source.From(start)[..length]);
        }

        var total = length;
        foreach (var (_, inserted) in _insertions)
        {
            total += inserted.Length;
        }

        return string.Create(total, (Scanner: this, Start: start, Length: length), static (into, state) =>
        {
            var text = state.Scanner._source.From(state.Start)[..state.Length];
            var from = 0;
            foreach (var (at, inserted) in state.Scanner._insertions)
            {
                var upTo = (int)(at - state.Start);
                text[from..upTo].CopyTo(into);
                into = into[(upTo - from)..];
                inserted.CopyTo(into);
                into = into[inserted.Length..];
                from = upTo;
            }

            text[from..].CopyTo(into);
        });
    }
}
