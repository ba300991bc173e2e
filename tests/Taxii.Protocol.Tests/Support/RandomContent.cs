using System.Text;

namespace Taxii.Protocol.Tests.Support;

/// <summary>
/// Random, well-formed, self-contained XML content with every construct a cut can trip on: line breaks inside tags
/// and attribute values, quotes of both kinds holding '&gt;' and "/&gt;", comments and CDATA holding markup,
/// processing instructions, references, \r and \r\n, tabs, and characters outside ASCII and the BMP.
/// </summary>
internal static class RandomContent
{
    private static readonly string[] Spaces = ["", " ", "\n", "\r\n", "\t", "\r\n\t\t", "\n  \n", "\r"];
    private static readonly string[] Words = ["a", "caf\u00e9", "\U0001F600", "&amp;", "&#x1F600;", "&#13;", "\u4e2d", "\r\n", "\r", "x>y", "]", "\t", "/>", "p:v"];
    private static readonly string[] Names = ["p:a", "p:b", "c", "\u00e9l\u00e9", "q:d"];

    public static string Space(Random random) => Spaces[random.Next(Spaces.Length)];

    /// <summary>One to three top-level elements with about <paramref name="size"/> nodes in all, perhaps with text between.</summary>
    public static string Package(Random random, int size)
    {
        var text = new StringBuilder();
        var roots = random.Next(1, 4);
        for (var i = 0; i < roots; i++)
        {
            if (i > 0)
            {
                text.Append(random.Next(3) switch { 0 => Space(random), 1 => "<!-- between -->", _ => " text " });
            }

            text.Append("<p:root").Append(Space(random)).Append(" xmlns:p=\"urn:p\"").Append(Space(random))
                .Append(" xmlns=\"urn:default\" xmlns:q='urn:q'").Append(Space(random)).Append('>');
            var budget = size / roots;
            while (budget > 0)
            {
                text.Append(Node(random, 1, ref budget)).Append(Space(random));
            }

            text.Append("</p:root").Append(Space(random)).Append('>');
        }

        return text.ToString();
    }

    private static string Phrase(Random random, bool inAttribute)
    {
        var text = new StringBuilder();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            var word = Words[random.Next(Words.Length)];
            // '<' never appears raw in XML text or values, and "]]>" is not allowed in text
            text.Append(inAttribute || word != "]" ? word : "&#93;");
        }

        return text.ToString();
    }

    private static string Attribute(Random random, int index) =>
        random.Next(2) == 0
            ? $"{Space(random)} {(random.Next(3) == 0 ? "q:" : string.Empty)}at{index}{Space(random)}={Space(random)}\"{Phrase(random, true).Replace("\"", "&quot;", StringComparison.Ordinal)}\""
            : $"{Space(random)} at{index}='{Phrase(random, true).Replace("'", "&apos;", StringComparison.Ordinal)}\"'";

    private static string Node(Random random, int depth, ref int budget)
    {
        budget--;
        switch (random.Next(depth > 5 ? 4 : 8))
        {
            case 0:
                return Phrase(random, false);
            case 1:
                return "<!--" + Phrase(random, false).Replace("-", string.Empty, StringComparison.Ordinal) + " <p:x> </Content> -->";
            case 2:
                return "<![CDATA[" + Phrase(random, false) + "</taxii_11:Content></taxii:Content_Block>]]>";
            case 3:
                return "<?pi" + random.Next(9) + " " + Phrase(random, false).Replace("?", string.Empty, StringComparison.Ordinal) + " <a/> ?>";
            default:
                var name = Names[random.Next(Names.Length)];
                var attributes = string.Concat(Enumerable.Range(0, random.Next(0, 3)).Select(i => Attribute(random, i)));
                if (random.Next(3) == 0)
                {
                    return $"<{name}{attributes}{Space(random)}/>";
                }

                var children = new StringBuilder();
                for (var i = random.Next(0, 4); i > 0 && budget > 0; i--)
                {
                    children.Append(Node(random, depth + 1, ref budget)).Append(Space(random));
                }

                return $"<{name}{attributes}{Space(random)}>{children}</{name}{Space(random)}>";
        }
    }
}
