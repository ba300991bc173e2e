using System.Text;
using System.Text.RegularExpressions;

namespace Taxii.Testing;

/// <summary>
/// Derives malformed TAXII messages from valid ones, reproducibly: mutation <c>i</c> of seed <c>s</c> is always the
/// same bytes (each index has a random source of its own), so a failing case is rerun from the seed and index alone.
/// Mutations are byte-level (flips, deletions, duplications, truncation, invalid UTF-8, splices of two messages) and
/// XML-aware (element and attribute swaps, namespace and version swaps, extreme numbers and timestamps, injected
/// DOCTYPEs, encoding changes, deep nesting, huge values); one to three are stacked.
/// </summary>
public sealed partial class TaxiiMessageMutator(IReadOnlyList<byte[]> messages, int seed)
{
    private static readonly string[] Numbers =
    [
        "-1", "0", "-0", "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999999999",
        "1e309", "NaN", "0x10", "1.5", " 7 ", "", "+3", "٣", "1,000", "00000000000000000000000000001",
    ];

    private static readonly string[] Timestamps =
    [
        "9999-12-31T23:59:59.9999999Z", "0001-01-01T00:00:00Z", "0000-00-00T00:00:00Z", "2014-13-45T25:61:61Z",
        "2014-02-29T00:00:00+25:00", "2016-02-29T00:00:00-14:00", "2014-01-01", "2014-01-01T00:00:00", "yesterday",
        "2014-01-01T00:00:00.12345678901234567890Z", "-2014-01-01T00:00:00Z", "", "10000-01-01T00:00:00Z",
    ];

    private static readonly string[] Namespaces =
    [
        "http://taxii.mitre.org/messages/taxii_xml_binding-1.1", "http://taxii.mitre.org/messages/taxii_xml_binding-1",
        "http://taxii.mitre.org/query/taxii_default_query-1", "urn:example:not-taxii", "", "http://www.w3.org/2001/XMLSchema",
    ];

    private static readonly string[] Doctypes =
    [
        "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>",
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
        "<!DOCTYPE r SYSTEM \"file:///etc/hostname\">",
        "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p;]>",
        "<!DOCTYPE r [<!ELEMENT r ANY>]>",
    ];

    private static readonly string[] Fragments =
    [
        "&", "<", "]]>", "&#0;", "&#xD800;", "&#x110000;", "&undefined;", "&x;", "<![CDATA[", "<!--", "<?pi x?>", "\u0001",
        "<a>", "</a>", "xmlns=\"\"", "xmlns:taxii_11=\"urn:x\"", "a=\"1\" a=\"2\"", "\uFFFE", "\uD83D\uDE00", "'\"", "\0",
    ];

    private readonly IReadOnlyList<byte[]> _messages = messages.Count > 0 ? messages : throw new ArgumentException("no messages to mutate", nameof(messages));

    public int Seed { get; } = seed;

    /// <summary>Mutation number <paramref name="index"/>: which message it started from, what was done, and the bytes.</summary>
    public Mutation Create(int index)
    {
        var random = new Random(HashCode.Combine(Seed, index));
        var origin = random.Next(_messages.Count);
        var body = _messages[origin];
        var kinds = new List<string>();
        // mostly one change, so that many messages stay close enough to valid to reach the handlers
        for (var n = random.Next(3) == 0 ? random.Next(2, 4) : 1; n > 0; n--)
        {
            var kind = random.Next(KindNames.Length);
            body = Apply(kind, body, random);
            kinds.Add(KindNames[kind]);
        }

        return new Mutation(Seed, index, origin, string.Join('+', kinds), body);
    }

    private static readonly string[] KindNames =
    [
        "flip", "delete", "duplicate", "truncate", "swap-elements", "swap-attributes", "namespace", "version",
        "number", "timestamp", "doctype", "encoding", "invalid-utf8", "splice", "nesting", "huge-value",
        "fragment", "drop-attribute", "drop-element", "enum", "huge-text",
    ];

    private byte[] Apply(int kind, byte[] body, Random random)
    {
        if (body.Length == 0)
        {
            return _messages[random.Next(_messages.Count)];
        }

        return kind switch
        {
            0 => FlipBits(body, random),
            1 => DeleteRange(body, random),
            2 => DuplicateRange(body, random),
            3 => body[..random.Next(body.Length)],
            4 => Text(body, t => SwapMatches(t, ElementTag(), random)),
            5 => Text(body, t => SwapMatches(t, AttributeValue(), random)),
            6 => Text(body, t => ReplaceOne(t, NamespaceValue(), random, _ => $"\"{Pick(Namespaces, random)}\"")),
            7 => Text(body, t => SwapVersions(t, random)),
            8 => Text(body, t => ReplaceOne(t, Digits(), random, _ => Pick(Numbers, random))),
            9 => Text(body, t => ReplaceOne(t, Timestamp(), random, _ => Pick(Timestamps, random))),
            10 => Text(body, t => Pick(Doctypes, random) + XmlDeclaration().Replace(t, string.Empty, 1)),
            11 => ChangeEncoding(body, random),
            12 => Insert(body, random, Pick<byte[]>([[0xC0, 0x80], [0xFF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE, 0xFF]], random)),
            13 => Splice(body, _messages[random.Next(_messages.Count)], random),
            14 => Text(body, t => InsertAtTag(t, random, string.Concat(Enumerable.Repeat("<n>", 100 + random.Next(200))))),
            15 => Text(body, t => ReplaceOne(t, AttributeValue(), random, _ => $"\"{new string('x', random.Next(1_000, 80_000))}\"")),
            16 => Insert(body, random, Encoding.UTF8.GetBytes(Pick(Fragments, random))),
            17 => Text(body, t => ReplaceOne(t, Attribute(), random, _ => string.Empty)),
            18 => Text(body, t => ReplaceOne(t, ElementTag(), random, _ => string.Empty)),
            19 => Text(body, t => ReplaceOne(t, AttributeValue(), random, _ => Pick(["\"\"", "\"FULL \"", "\"SUBSCRIBE\"", "\"true\"", "\"-5\"", "\"&amp;\"", "\"\u00e9\""], random))),
            _ => Text(body, t => ReplaceOne(t, ElementText(), random, _ => $">{new string('y', random.Next(1_000, 80_000))}<")),
        };
    }

    private static T Pick<T>(IReadOnlyList<T> values, Random random) => values[random.Next(values.Count)];

    private static byte[] Text(byte[] body, Func<string, string> change) =>
        Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(body)));

    private static byte[] FlipBits(byte[] body, Random random)
    {
        var copy = (byte[])body.Clone();
        for (var n = random.Next(1, 9); n > 0; n--)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private static byte[] DeleteRange(byte[] body, Random random)
    {
        var start = random.Next(body.Length);
        var length = random.Next(1, Math.Min(64, body.Length - start) + 1);
        return [.. body[..start], .. body[(start + length)..]];
    }

    private static byte[] DuplicateRange(byte[] body, Random random)
    {
        var start = random.Next(body.Length);
        var length = random.Next(1, Math.Min(256, body.Length - start) + 1);
        var copies = random.Next(1, 4);
        var chunk = body[start..(start + length)];
        return [.. body[..(start + length)], .. Enumerable.Repeat(chunk, copies).SelectMany(c => c), .. body[(start + length)..]];
    }

    private static byte[] Insert(byte[] body, Random random, byte[] inserted)
    {
        var at = random.Next(body.Length + 1);
        return [.. body[..at], .. inserted, .. body[at..]];
    }

    private static byte[] Splice(byte[] first, byte[] second, Random random)
    {
        var cut = random.Next(first.Length + 1);
        var from = second.Length == 0 ? 0 : random.Next(second.Length);
        return [.. first[..cut], .. second[from..]];
    }

    private static byte[] ChangeEncoding(byte[] body, Random random)
    {
        var text = XmlDeclaration().Replace(Encoding.UTF8.GetString(body), string.Empty, 1);
        return random.Next(6) switch
        {
            0 => Encoding.Unicode.GetBytes("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + text),
            1 => Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + text),
            2 => Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + text),
            3 => Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"x-no-such-encoding\"?>" + text),
            4 => Encoding.BigEndianUnicode.GetBytes(text),
            _ => [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
        };
    }

    private static string SwapMatches(string text, Regex pattern, Random random)
    {
        var matches = pattern.Matches(text);
        if (matches.Count < 2)
        {
            return text;
        }

        var (a, b) = (matches[random.Next(matches.Count)], matches[random.Next(matches.Count)]);
        if (a.Index == b.Index)
        {
            return text;
        }

        var (first, second) = a.Index < b.Index ? (a, b) : (b, a);
        if (first.Index + first.Length > second.Index)
        {
            return text;
        }

        var middle = text[(first.Index + first.Length)..second.Index];
        return text[..first.Index] + second.Value + middle + first.Value + text[(second.Index + second.Length)..];
    }

    private static string ReplaceOne(string text, Regex pattern, Random random, Func<Match, string> replacement)
    {
        var matches = pattern.Matches(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var match = matches[random.Next(matches.Count)];
        return string.Concat(text.AsSpan(0, match.Index), replacement(match), text.AsSpan(match.Index + match.Length));
    }

    private static string InsertAtTag(string text, Random random, string inserted) =>
        ReplaceOne(text, ElementTag(), random, m => m.Value.StartsWith("</", StringComparison.Ordinal) ? inserted + m.Value : m.Value + inserted);

    private static string SwapVersions(string text, Random random) => random.Next(3) switch
    {
        0 => text.Replace("taxii_xml_binding-1.1", "taxii_xml_binding-1", StringComparison.Ordinal),
        1 => TaxiiBinding10().Replace(text, "taxii_xml_binding-1.1"),
        _ => text.Replace("1.1", "1.0", StringComparison.Ordinal).Replace("taxii_11", "taxii", StringComparison.Ordinal),
    };

    [GeneratedRegex("</?[A-Za-z_][\\w:.-]*[^<>]*>")]
    private static partial Regex ElementTag();

    [GeneratedRegex(">[^<>]+<")]
    private static partial Regex ElementText();

    [GeneratedRegex("\"[^\"<>]*\"")]
    private static partial Regex AttributeValue();

    [GeneratedRegex("\\s[\\w:.-]+=\"[^\"<>]*\"")]
    private static partial Regex Attribute();

    [GeneratedRegex("(?<=xmlns(:\\w+)?=)\"[^\"]*\"")]
    private static partial Regex NamespaceValue();

    [GeneratedRegex("\\d+")]
    private static partial Regex Digits();

    [GeneratedRegex("\\d{4}-\\d{2}-\\d{2}T[\\d:.]+(Z|[+-]\\d{2}:\\d{2})?")]
    private static partial Regex Timestamp();

    [GeneratedRegex("^\\s*<\\?xml[^>]*\\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex("taxii_xml_binding-1(?![.\\d])")]
    private static partial Regex TaxiiBinding10();
}
