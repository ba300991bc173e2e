using System.Text;
using System.Xml;

namespace Taxii.Protocol.Internal;

/// <summary>
/// Which namespace declarations of the envelope a top-level content element relies on: the prefixes (and the default
/// namespace) that names inside it use without declaring them itself, and prefixes that start a QName-like attribute
/// value (xsi:type="stix:T", STIX ids such as "example:Package-1") that are in scope from the envelope and not
/// declared inside. Those, and only those, are added to the element, so it stands alone once stored.
/// </summary>
/// <remarks>
/// Only prefixes in scope at the container can be relied on, so only those are tracked; the usual case, content that
/// declares everything it uses, costs a few comparisons per element and nothing once all of them are relied on.
/// </remarks>
internal sealed class NamespaceReliance
{
    private const string XmlnsUri = "http://www.w3.org/2000/xmlns/";
    private string[] _prefixes = new string[8];
    private string[] _uris = new string[8];
    private bool[] _relied = new bool[8];
    private int _count;
    private int _reliedCount;

    // content declarations of tracked prefixes, innermost last: below them the envelope's binding is not used
    private (int Depth, int Index)[] _declared = new (int, int)[8];
    private int _declaredCount;

    /// <summary>Takes the namespaces in scope on the container element the reader stands on.</summary>
    public void Start(XmlReader reader)
    {
        var scope = ((IXmlNamespaceResolver)reader).GetNamespacesInScope(XmlNamespaceScope.ExcludeXml);
        if (scope.Count > _prefixes.Length)
        {
            _prefixes = new string[scope.Count];
            _uris = new string[scope.Count];
            _relied = new bool[scope.Count];
        }

        _count = 0;
        foreach (var (prefix, uri) in scope)
        {
            // a default namespace undeclared with xmlns="" is nothing to rely on
            if (uri.Length > 0)
            {
                _prefixes[_count] = prefix;
                _uris[_count] = uri;
                _count++;
            }
        }

        _declaredCount = 0;
    }

    public void BeginTopLevel()
    {
        Array.Clear(_relied, 0, _count);
        _reliedCount = 0;
    }

    /// <summary>On a start tag inside the content, at <paramref name="depth"/> below the container.</summary>
    public void Element(XmlReader reader, int depth)
    {
        if (_reliedCount == _count)
        {
            return;
        }

        var empty = reader.IsEmptyElement;
        if (reader.MoveToFirstAttribute())
        {
            // declarations first: they hold for the element's own name and attributes, wherever they stand
            do
            {
                if (reader.NamespaceURI == XmlnsUri)
                {
                    Declared(reader.Prefix.Length == 0 ? string.Empty : reader.LocalName, depth);
                }
            }
            while (reader.MoveToNextAttribute());

            reader.MoveToElement();
        }

        Use(reader.Prefix);
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.NamespaceURI != XmlnsUri)
                {
                    // an attribute without a prefix is in no namespace, whatever the default namespace is
                    if (reader.Prefix.Length > 0)
                    {
                        Use(reader.Prefix);
                    }

                    UseValue(reader.Value);
                }
            }
            while (reader.MoveToNextAttribute());

            reader.MoveToElement();
        }

        if (empty)
        {
            EndElement(depth);
        }
    }

    /// <summary>On the end of the element at <paramref name="depth"/>: its declarations go out of scope.</summary>
    public void EndElement(int depth)
    {
        while (_declaredCount > 0 && _declared[_declaredCount - 1].Depth >= depth)
        {
            _declaredCount--;
        }
    }

    /// <summary>The declarations the top-level element just read relies on, sorted by prefix; null for none.</summary>
    public string? EndTopLevel()
    {
        if (_reliedCount == 0)
        {
            return null;
        }

        var used = new List<int>(_reliedCount);
        for (var i = 0; i < _count; i++)
        {
            if (_relied[i])
            {
                used.Add(i);
            }
        }

        used.Sort((a, b) => string.CompareOrdinal(_prefixes[a], _prefixes[b]));
        var text = new StringBuilder();
        foreach (var i in used)
        {
            text.Append(" xmlns");
            if (_prefixes[i].Length > 0)
            {
                text.Append(':').Append(_prefixes[i]);
            }

            text.Append("=\"");
            foreach (var c in _uris[i])
            {
                // attribute-value normalization would turn tabs and line ends into spaces, so they go as references
                _ = c switch
                {
                    '&' => text.Append("&amp;"),
                    '<' => text.Append("&lt;"),
                    '"' => text.Append("&quot;"),
                    '\t' => text.Append("&#9;"),
                    '\n' => text.Append("&#10;"),
                    '\r' => text.Append("&#13;"),
                    _ => text.Append(c),
                };
            }

            text.Append('"');
        }

        return text.ToString();
    }

    private int IndexOf(ReadOnlySpan<char> prefix)
    {
        for (var i = 0; i < _count; i++)
        {
            if (prefix.SequenceEqual(_prefixes[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private void Declared(string prefix, int depth)
    {
        var index = IndexOf(prefix);
        if (index < 0)
        {
            return;
        }

        if (_declaredCount == _declared.Length)
        {
            Array.Resize(ref _declared, _declared.Length * 2);
        }

        _declared[_declaredCount++] = (depth, index);
    }

    private void Use(ReadOnlySpan<char> prefix)
    {
        var index = IndexOf(prefix);
        if (index < 0 || _relied[index])
        {
            return;
        }

        for (var i = 0; i < _declaredCount; i++)
        {
            if (_declared[i].Index == index)
            {
                return;
            }
        }

        _relied[index] = true;
        _reliedCount++;
    }

    /// <summary>A value of the form prefix:local (surrounding whitespace allowed, as for xs:QName) uses the prefix.</summary>
    private void UseValue(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return;
        }

        var prefix = value.AsSpan(0, colon).TrimStart(" \t\r\n");
        var local = value.AsSpan(colon + 1).TrimEnd(" \t\r\n");
        if (prefix.Length > 0 && local.Length > 0 && local.IndexOfAny(": \t\r\n") < 0)
        {
            Use(prefix);
        }
    }
}
