using System.Buffers;

namespace Taxii.Protocol.Internal;

/// <summary>
/// Follows the characters <see cref="SourceText"/> decodes through the prolog and the root's start tag, ahead of
/// XmlReader, which reports the root only once it has read the whole start tag. It stops the recording as soon as
/// the root's name shows a message without content blocks (or a DOCTYPE shows a body the reader refuses), and it
/// moves the scanner past what it has stepped over, so neither a hostile prolog nor a huge attribute on the root is
/// kept on top of what the reader itself holds. Each step resumes where the last stopped.
/// </summary>
internal sealed class RootWatcher
{
    private static readonly SearchValues<char> NameEnd = SearchValues.Create(" \t\r\n/>");
    private static readonly SearchValues<char> TagStops = SearchValues.Create("\"'>");
    private State _state;
    private long _resume;
    private long _nameStart;
    private char _quote;
    private char _previous;

    private enum State
    {
        Prolog,
        Instruction,
        Comment,
        RootName,
        RootTag,
        Done,
    }

    public bool Done => _state == State.Done;

    /// <summary>Goes as far as the decoded characters allow.</summary>
    public void Advance(SourceText source)
    {
        while (_state != State.Done)
        {
            var s = source.From(_resume);
            switch (_state)
            {
                case State.Prolog:
                    var lt = s.IndexOf('<');
                    if (lt < 0 || s.Length - lt < 4)
                    {
                        // whitespace (or text the reader will refuse), or too little to tell the markup apart
                        Keep(source, _resume += lt < 0 ? s.Length : lt);
                        return;
                    }

                    Keep(source, _resume += lt);
                    (_state, _resume) = s[lt..] switch
                    {
                        ['<', '?', ..] => (State.Instruction, _resume + 2),
                        ['<', '!', '-', '-', ..] => (State.Comment, _resume + 4),
                        ['<', '!', ..] => (State.Done, _resume),
                        _ => (State.RootName, _resume + 1),
                    };
                    _nameStart = _resume;
                    if (_state == State.Done)
                    {
                        // a DOCTYPE: the reader refuses the body, so nothing will be cut from it
                        source.StopRecording();
                    }

                    break;
                case State.Instruction or State.Comment:
                    var terminator = _state == State.Instruction ? "?>" : "-->";
                    var end = s.IndexOf(terminator);
                    if (end < 0)
                    {
                        // resume where the terminator could still begin; what comes before is of no use
                        Keep(source, _resume += Math.Max(0, s.Length - terminator.Length + 1));
                        return;
                    }

                    Keep(source, _resume += end + terminator.Length);
                    _state = State.Prolog;
                    break;
                case State.RootName:
                    var nameEnd = s.IndexOfAny(NameEnd);
                    if (nameEnd < 0)
                    {
                        _resume += s.Length;
                        return;
                    }

                    _resume += nameEnd;
                    var name = source.From(_nameStart)[..(int)(_resume - _nameStart)];
                    var local = name[(name.IndexOf(':') + 1)..];
                    if (!local.SequenceEqual("Inbox_Message") && !local.SequenceEqual("Poll_Response"))
                    {
                        // only content blocks are cut from the source
                        source.StopRecording();
                        _state = State.Done;
                        return;
                    }

                    _state = State.RootTag;
                    break;
                case State.RootTag:
                    StepThroughRootTag(source, s);
                    if (_state != State.Done)
                    {
                        return;
                    }

                    break;
            }
        }
    }

    private static void Keep(SourceText source, long from) => source.Scanner.StartAt(from, depth: 0);

    /// <summary>Through the root's attributes, quoted values whole (they may hold '&gt;'), to the tag's end.</summary>
    private void StepThroughRootTag(SourceText source, ReadOnlySpan<char> s)
    {
        var i = 0;
        while (true)
        {
            var stop = _quote == '\0' ? s[i..].IndexOfAny(TagStops) : s[i..].IndexOf(_quote);
            if (stop < 0)
            {
                _previous = s.IsEmpty ? _previous : s[^1];
                Keep(source, _resume += s.Length);
                return;
            }

            i += stop;
            if (_quote != '\0')
            {
                _quote = '\0';
            }
            else if (s[i] != '>')
            {
                _quote = s[i];
            }
            else
            {
                var empty = (i > 0 ? s[i - 1] : _previous) == '/';
                source.Scanner.StartAt(_resume + i + 1, depth: empty ? 0 : 1);
                _state = State.Done;
                return;
            }

            i++;
        }
    }
}
